using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>A page of a room's history, oldest first.</summary>
/// <param name="Messages">The page, oldest first.</param>
/// <param name="HasMore">True when older messages lie beyond the page.</param>
[DataContract]
public sealed record HistoryPage(
    [property: DataMember(Name = "messages")] IReadOnlyList<ChatMessage> Messages,
    [property: DataMember(Name = "hasMore")] bool HasMore)
{
    /// <summary>No messages, nothing beyond.</summary>
    public static HistoryPage Empty { get; } = new([], false);
}
