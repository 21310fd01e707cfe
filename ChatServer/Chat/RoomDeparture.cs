namespace ChatServer.Chat;

/// <summary>A room a disconnected connection was in; <see cref="UserLeft"/> when it was the user's last connection there.</summary>
public sealed record RoomDeparture(string Room, bool UserLeft);
