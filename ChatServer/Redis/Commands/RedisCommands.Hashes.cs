namespace ChatServer.Redis;

/// <summary>Hash commands: HSET, HGET, HGETALL, HDEL, HINCRBY.</summary>
public static partial class RedisCommands
{
    /// <summary>HSET key field value; true when the field is new.</summary>
    public static async Task<bool> HashSetAsync(this RedisConnection redis, string key, string field, RedisValue value, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["HSET", key, field, value], cancellationToken)).ToInt64() == 1;

    /// <summary>HSET key field value [field value …]; how many fields are new.</summary>
    public static async Task<long> HashSetAsync(this RedisConnection redis, string key, IReadOnlyCollection<KeyValuePair<string, RedisValue>> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parts = new RedisValue[fields.Count * 2 + 2];
        parts[0] = "HSET";
        parts[1] = key;
        var i = 2;
        foreach (var (field, value) in fields)
        {
            parts[i++] = field;
            parts[i++] = value;
        }

        return (await redis.ExecuteAsync(parts, cancellationToken)).ToInt64();
    }

    /// <summary>HGET key field; <see cref="RedisValue.Null"/> when absent.</summary>
    public static async Task<RedisValue> HashGetAsync(this RedisConnection redis, string key, string field, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["HGET", key, field], cancellationToken)).ToRedisValue();

    /// <summary>HGETALL key; empty when the key does not exist.</summary>
    public static async Task<Dictionary<string, RedisValue>> HashGetAllAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default)
    {
        var pairs = (await redis.ExecuteAsync(["HGETALL", key], cancellationToken)).Elements;
        var result = new Dictionary<string, RedisValue>(pairs.Count / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Count; i += 2) result[pairs[i].ToString()!] = pairs[i + 1].ToRedisValue();
        return result;
    }

    /// <summary>HDEL key field; true when it existed.</summary>
    public static async Task<bool> HashDeleteAsync(this RedisConnection redis, string key, string field, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["HDEL", key, field], cancellationToken)).ToInt64() == 1;

    /// <summary>HINCRBY key field by; the new value.</summary>
    public static async Task<long> HashIncrementAsync(this RedisConnection redis, string key, string field, long by = 1, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["HINCRBY", key, field, by], cancellationToken)).ToInt64();
}
