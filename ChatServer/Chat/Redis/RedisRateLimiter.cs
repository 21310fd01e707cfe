using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>Token buckets in one Lua script each call: every instance draws from the same budget.</summary>
internal sealed class RedisRateLimiter(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts) : IRateLimiter
{
    public Task<RateLimitDecision> TryAcquireAsync(string bucket, TokenBucketPolicy policy, CancellationToken cancellationToken) =>
        RunAsync(bucket, policy, cost: 1, cancellationToken);

    public Task<RateLimitDecision> PeekAsync(string bucket, TokenBucketPolicy policy, CancellationToken cancellationToken) =>
        RunAsync(bucket, policy, cost: 0, cancellationToken);

    private async Task<RateLimitDecision> RunAsync(string bucket, TokenBucketPolicy policy, int cost, CancellationToken cancellationToken)
    {
        // StackExchange.Redis takes no token: a caller already gone draws nothing from the bucket.
        var reply = await redis.RunAsync(db => db.ScriptEvaluateAsync(scripts.RateLimit, keys: [keys.RateLimitBucket(bucket)], values: [policy.PerSecond, policy.Burst, cost]), "check the rate limit", cancellationToken);

        // { allowed (0/1), milliseconds until the next token when denied }
        var decision = (RedisResult[])reply!;
        return (long)decision[0] == 1 ? RateLimitDecision.Allow : RateLimitDecision.Deny(TimeSpan.FromMilliseconds((long)decision[1]));
    }
}
