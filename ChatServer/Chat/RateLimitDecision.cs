namespace ChatServer.Chat;

/// <summary>Whether a user may send now, and if not, how long until a token is available.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);

    public static RateLimitDecision Deny(TimeSpan retryAfter) => new(false, retryAfter);

    /// <summary>A wait as the client is told it (<c>Retry-After</c>, "retry in N s"): whole seconds, at least 1.</summary>
    public static int WholeSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}
