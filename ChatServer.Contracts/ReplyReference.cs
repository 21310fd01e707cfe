using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>What a reply quotes: the original's id and author, and the start of its current text.</summary>
/// <param name="Id">The original message's id.</param>
/// <param name="User">The original's author.</param>
/// <param name="Excerpt">The first 100 characters of the original's text as it is now (it follows edits); null once the original is deleted or trimmed from history.</param>
[DataContract]
public sealed record ReplyReference(
    [property: DataMember(Name = "id")] string Id,
    [property: DataMember(Name = "user")] string User,
    [property: DataMember(Name = "excerpt")] string? Excerpt);
