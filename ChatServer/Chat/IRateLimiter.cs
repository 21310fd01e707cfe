namespace ChatServer.Chat;

/// <summary>A token bucket per user, shared by every instance the user is connected to.</summary>
public interface IRateLimiter
{
    Task<RateLimitDecision> TryAcquireAsync(string userName, CancellationToken cancellationToken);
}
