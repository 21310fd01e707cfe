using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// Failed-login back-off (<see cref="AuthLimitOptions"/>): checked before the password is hashed, paid for only by
/// failures, so a person who types their password right is never slowed by their own earlier typos beyond the burst.
/// </summary>
public sealed class LoginThrottle(IRateLimiter limiter, IOptions<AuthLimitOptions> options)
{
    private readonly AuthLimitOptions _options = options.Value;

    /// <summary>Whether <paramref name="userName"/> may try a password now from <paramref name="address"/>.</summary>
    public async Task<RateLimitDecision> CheckAsync(string userName, string? address, CancellationToken cancellationToken)
    {
        if (address is not null)
        {
            var mine = await limiter.PeekAsync(RateLimitBuckets.AccountAddressFailures(userName, address), _options.AccountAddressFailures, cancellationToken);
            if (!mine.Allowed)
            {
                return mine;
            }
        }

        return await limiter.PeekAsync(RateLimitBuckets.AccountFailures(userName), _options.AccountFailures, cancellationToken);
    }

    public async Task RecordFailureAsync(string userName, string? address, CancellationToken cancellationToken)
    {
        if (address is not null)
        {
            await limiter.TryAcquireAsync(RateLimitBuckets.AccountAddressFailures(userName, address), _options.AccountAddressFailures, cancellationToken);
        }

        await limiter.TryAcquireAsync(RateLimitBuckets.AccountFailures(userName), _options.AccountFailures, cancellationToken);
    }
}
