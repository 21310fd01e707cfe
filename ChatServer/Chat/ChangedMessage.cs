namespace ChatServer.Chat;

/// <summary>
/// The outcome of a <see cref="MessageChange"/>: the message's current state, and whether anything changed (a retry
/// of an edit to the same text, or a second delete, changes and broadcasts nothing).
/// </summary>
public sealed record ChangedMessage(ChatMessage Message, bool Changed);
