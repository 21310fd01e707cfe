namespace ChatServer.Chat;

/// <summary>
/// Named token buckets (a user's sends, an address's sends or logins, an account's failed logins), shared by every
/// instance in Redis mode. A bucket's name says what it limits; names are matched ignoring case.
/// </summary>
public interface IRateLimiter
{
    /// <summary>Draws one token from <paramref name="bucket"/>, or says how long until one is available.</summary>
    Task<RateLimitDecision> TryAcquireAsync(string bucket, TokenBucketPolicy policy, CancellationToken cancellationToken);

    /// <summary>Whether a token is available now, drawing nothing (a check before work that only failures pay for).</summary>
    Task<RateLimitDecision> PeekAsync(string bucket, TokenBucketPolicy policy, CancellationToken cancellationToken);
}
