namespace ChatServer.Chat;

/// <summary>Something transient that happened in a room, for its members: presence and typing (not stored, unlike messages).</summary>
public sealed record RoomSignal(string Room, RoomSignalKind Kind, string UserName);
