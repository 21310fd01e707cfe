namespace ChatServer.Chat;

/// <summary>A room in the room list: its name and how many users are online in it.</summary>
public sealed record RoomInfo(string Room, int Online);
