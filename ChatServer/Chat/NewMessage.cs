namespace ChatServer.Chat;

/// <summary>A validated message about to be posted; the store assigns its id.</summary>
/// <param name="ReplyTo">For a reply, the quoted message as it is when the reply is posted.</param>
/// <param name="Mentions">Existing users named with <c>@name</c>, or null.</param>
/// <param name="Budgets">The rate-limit buckets the send draws a token from (the sender's, the sender's address), or null.</param>
public sealed record NewMessage(string Room, string User, string Text, string? ClientMessageId, ReplyReference? ReplyTo = null, IReadOnlyList<string>? Mentions = null, IReadOnlyList<SendBudget>? Budgets = null);
