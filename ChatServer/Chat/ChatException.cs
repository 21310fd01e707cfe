using System.Globalization;

namespace ChatServer.Chat;

/// <summary>
/// An error whose message is safe to show to the user who caused it, and says what to do.
/// The hub turns it into a <c>HubException</c>, the HTTP API into ProblemDetails.
/// </summary>
public sealed class ChatException(ChatErrorKind kind, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public ChatErrorKind Kind { get; } = kind;

    public static ChatException Invalid(string message) => new(ChatErrorKind.Invalid, message);

    public static ChatException Forbidden(string message) => new(ChatErrorKind.Forbidden, message);

    public static ChatException NotFound(string message) => new(ChatErrorKind.NotFound, message);

    /// <summary>A send refused by a rate limit, saying when to retry (whole seconds, at least 1).</summary>
    public static ChatException RateLimited(TimeSpan retryAfter) =>
        new(ChatErrorKind.RateLimited, string.Create(CultureInfo.InvariantCulture, $"Rate limit exceeded; retry in {RateLimitDecision.WholeSeconds(retryAfter)} s"));

    public static ChatException Unavailable(string message, Exception? innerException = null) => new(ChatErrorKind.Unavailable, message, innerException);
}
