namespace ChatServer.Chat;

/// <summary>The outcome of posting: the stored message, and whether it was a retry of an earlier post.</summary>
public sealed record PostedMessage(ChatMessage Message, bool IsDuplicate);
