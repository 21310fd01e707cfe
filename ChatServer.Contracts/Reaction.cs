using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>One emoji on a message and who put it there.</summary>
/// <param name="Emoji">A single emoji (one grapheme).</param>
/// <param name="Users">The users who reacted with it, in the order they did.</param>
[DataContract]
public sealed record Reaction(
    [property: DataMember(Name = "emoji")] string Emoji,
    [property: DataMember(Name = "users")] IReadOnlyList<string> Users);
