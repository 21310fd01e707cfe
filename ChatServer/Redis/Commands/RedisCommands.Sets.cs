namespace ChatServer.Redis;

/// <summary>Set commands: SADD, SREM, SMEMBERS, SCARD, SISMEMBER.</summary>
public static partial class RedisCommands
{
    /// <summary>SADD key member; true when it was added (not already there).</summary>
    public static async Task<bool> SetAddAsync(this RedisConnection redis, string key, RedisValue member, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["SADD", key, member], cancellationToken)).ToInt64() == 1;

    /// <summary>SADD key member [member …]; how many were added.</summary>
    public static async Task<long> SetAddAsync(this RedisConnection redis, string key, IReadOnlyCollection<RedisValue> members, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(Prepend("SADD", key, members), cancellationToken)).ToInt64();

    /// <summary>SREM key member; true when it was there.</summary>
    public static async Task<bool> SetRemoveAsync(this RedisConnection redis, string key, RedisValue member, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["SREM", key, member], cancellationToken)).ToInt64() == 1;

    /// <summary>SREM key member [member …]; how many were removed.</summary>
    public static async Task<long> SetRemoveAsync(this RedisConnection redis, string key, IReadOnlyCollection<RedisValue> members, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(Prepend("SREM", key, members), cancellationToken)).ToInt64();

    /// <summary>SMEMBERS key (unordered).</summary>
    public static async Task<RedisValue[]> SetMembersAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["SMEMBERS", key], cancellationToken)).ToValueArray();

    /// <summary>SCARD key.</summary>
    public static async Task<long> SetLengthAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["SCARD", key], cancellationToken)).ToInt64();

    /// <summary>SISMEMBER key member.</summary>
    public static async Task<bool> SetContainsAsync(this RedisConnection redis, string key, RedisValue member, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["SISMEMBER", key, member], cancellationToken)).ToInt64() == 1;
}
