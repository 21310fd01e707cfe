using ChatServer.Chat.Options;
using ChatServer.Redis;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.Redis;

/// <summary>A token bucket per user in one Lua script: every instance draws from the same budget.</summary>
internal sealed class RedisRateLimiter(RedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<RateLimitOptions> options) : IRateLimiter
{
    private readonly RateLimitOptions _options = options.Value;

    public async Task<RateLimitDecision> TryAcquireAsync(string userName, CancellationToken cancellationToken)
    {
        var reply = (await RedisCalls.RunAsync(
            () => redis.ScriptEvaluateAsync(scripts.RateLimit, [keys.RateLimitBucket(userName)], [_options.MessagesPerSecond, _options.Burst], cancellationToken),
            "check the rate limit")).Elements;
        return reply[0].ToInt64() == 1 ? RateLimitDecision.Allow : RateLimitDecision.Deny(TimeSpan.FromMilliseconds(reply[1].ToInt64()));
    }
}
