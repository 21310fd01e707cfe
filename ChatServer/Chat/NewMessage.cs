namespace ChatServer.Chat;

/// <summary>A validated message about to be posted; the store assigns its id.</summary>
public sealed record NewMessage(string Room, string User, string Text, string? ClientMessageId);
