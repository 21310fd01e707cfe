namespace ChatServer.Chat;

/// <summary>A user typing in a room.</summary>
public sealed record TypingEntry(string Room, string User);
