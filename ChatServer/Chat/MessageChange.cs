namespace ChatServer.Chat;

/// <summary>
/// A validated change a user asks for on a message: an edit (<see cref="Text"/>, with its <see cref="Mentions"/>), a
/// delete, or a reaction toggled (<see cref="Emoji"/>).
/// </summary>
public sealed record MessageChange(string Room, MessageId Target, string User, RoomChangeKind Kind, string? Text = null, IReadOnlyList<string>? Mentions = null, string? Emoji = null);
