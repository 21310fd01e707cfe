using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>A token bucket per user in one Lua script: every instance draws from the same budget.</summary>
internal sealed class RedisRateLimiter(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<RateLimitOptions> options) : IRateLimiter
{
    private readonly RateLimitOptions _options = options.Value;

    public async Task<RateLimitDecision> TryAcquireAsync(string userName, CancellationToken cancellationToken)
    {
        // StackExchange.Redis takes no token: a caller already gone draws nothing from the bucket.
        var reply = await redis.RunAsync(db => db.ScriptEvaluateAsync(scripts.RateLimit, keys: [keys.RateLimitBucket(userName)], values: [_options.MessagesPerSecond, _options.Burst]), "check the rate limit", cancellationToken);

        // { allowed (0/1), milliseconds until the next token when denied }
        var decision = (RedisResult[])reply!;
        return (long)decision[0] == 1 ? RateLimitDecision.Allow : RateLimitDecision.Deny(TimeSpan.FromMilliseconds((long)decision[1]));
    }
}
