using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>What <c>JoinRoom</c> returns: recent (or missed) messages, who is online and who is typing.</summary>
/// <param name="Room">The room joined.</param>
/// <param name="Messages">Oldest first: the latest 50, or every message after the <c>sinceId</c> asked for (at most 500).</param>
/// <param name="HasMore">True when older (or, on resume, more missed) messages lie beyond <paramref name="Messages"/>.</param>
/// <param name="Online">The users with a connection in the room.</param>
/// <param name="Typing">The users typing in the room.</param>
/// <param name="Updated">
/// On resume (<c>sinceId</c> given): the current state of messages at or before <c>sinceId</c> that were edited,
/// deleted or reacted to after it, in room order. Empty otherwise.
/// </param>
/// <param name="LastReadId">The caller's read marker in the room; null when the caller has not marked anything read.</param>
[DataContract]
public sealed record RoomSnapshot(
    [property: DataMember(Name = "room")] string Room,
    [property: DataMember(Name = "messages")] IReadOnlyList<ChatMessage> Messages,
    [property: DataMember(Name = "hasMore")] bool HasMore,
    [property: DataMember(Name = "online")] IReadOnlyList<string> Online,
    [property: DataMember(Name = "typing")] IReadOnlyList<string> Typing,
    [property: DataMember(Name = "updated")] IReadOnlyList<ChatMessage> Updated,
    [property: DataMember(Name = "lastReadId")] string? LastReadId);
