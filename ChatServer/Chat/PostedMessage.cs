namespace ChatServer.Chat;

/// <summary>
/// The outcome of posting: the stored message, whether it was a retry of an earlier post, and whether posting ended
/// its author's typing in the room (a new message does; the room hears <c>TypingChanged</c> false).
/// </summary>
public sealed record PostedMessage(ChatMessage Message, bool IsDuplicate, bool EndedTyping = false);
