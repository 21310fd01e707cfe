namespace ChatServer.Redis;

/// <summary>String commands: GET, SET, INCR/INCRBY.</summary>
public static partial class RedisCommands
{
    /// <summary>GET key; <see cref="RedisValue.Null"/> when absent.</summary>
    public static async Task<RedisValue> GetAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["GET", key], cancellationToken)).ToRedisValue();

    /// <summary>GET key as UTF-8 text; null when absent.</summary>
    public static async Task<string?> GetStringAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["GET", key], cancellationToken)).ToString();

    /// <summary>
    /// SET key value [EX s | PX ms] [NX | XX]. Expiry goes out as EX when it is whole seconds, PX otherwise.
    /// Returns false when NX/XX prevented the write.
    /// </summary>
    public static async Task<bool> SetAsync(
        this RedisConnection redis,
        string key,
        RedisValue value,
        TimeSpan? expiry = null,
        SetCondition condition = SetCondition.Always,
        CancellationToken cancellationToken = default)
    {
        if (expiry is null && condition == SetCondition.Always)
        {
            // The hot path: no list, no copies.
            return !(await redis.ExecuteAsync(["SET", key, value], cancellationToken)).IsNull;
        }

        var parts = new List<RedisValue>(6) { "SET", key, value };
        if (expiry is { } ttl)
        {
            var ms = (long)ttl.TotalMilliseconds;
            if (ms <= 0) throw new ArgumentOutOfRangeException(nameof(expiry), "Expiry must be at least 1 ms.");
            if (ms % 1000 == 0)
            {
                parts.Add("EX");
                parts.Add(ms / 1000);
            }
            else
            {
                parts.Add("PX");
                parts.Add(ms);
            }
        }

        if (condition == SetCondition.IfNotExists) parts.Add("NX");
        else if (condition == SetCondition.IfExists) parts.Add("XX");

        var reply = await redis.ExecuteAsync([.. parts], cancellationToken);
        return !reply.IsNull;
    }

    /// <summary>INCR key (or INCRBY key by); the new value.</summary>
    public static async Task<long> IncrementAsync(this RedisConnection redis, string key, long by = 1, CancellationToken cancellationToken = default)
    {
        RedisValue[] parts = by == 1 ? ["INCR", key] : ["INCRBY", key, by];
        return (await redis.ExecuteAsync(parts, cancellationToken)).ToInt64();
    }
}
