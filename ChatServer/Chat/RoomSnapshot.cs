namespace ChatServer.Chat;

/// <summary>What <c>JoinRoom</c> returns: recent (or missed) messages, who is online and who is typing.</summary>
public sealed record RoomSnapshot(string Room, IReadOnlyList<ChatMessage> Messages, bool HasMore, IReadOnlyList<string> Online, IReadOnlyList<string> Typing);
