using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ChatServer.Redis;

/// <summary>
/// Typed commands over <see cref="RedisConnection"/>, one partial file per data type. Each builds the argument
/// list, sends it through the shared pipeline and converts the reply; anything missing here is one
/// <see cref="RedisConnection.ExecuteAsync(string, IReadOnlyList{RedisValue}, CancellationToken)"/> away.
/// </summary>
public static partial class RedisCommands
{
    /// <summary>PING; returns the round-trip time.</summary>
    public static async Task<TimeSpan> PingAsync(this RedisConnection redis, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await redis.ExecuteAsync(["PING"], cancellationToken);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>DEL key; true when it existed.</summary>
    public static async Task<bool> DeleteAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["DEL", key], cancellationToken)).ToInt64() == 1;

    /// <summary>DEL key [key …]; how many existed.</summary>
    public static async Task<long> DeleteAsync(this RedisConnection redis, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(Prepend("DEL", keys), cancellationToken)).ToInt64();

    /// <summary>EXISTS key.</summary>
    public static async Task<bool> ExistsAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["EXISTS", key], cancellationToken)).ToInt64() == 1;

    /// <summary>EXISTS key [key …]; how many exist (a key named twice counts twice).</summary>
    public static async Task<long> ExistsAsync(this RedisConnection redis, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(Prepend("EXISTS", keys), cancellationToken)).ToInt64();

    /// <summary>EXPIRE (whole seconds) or PEXPIRE (otherwise); false when the key does not exist.</summary>
    public static async Task<bool> ExpireAsync(this RedisConnection redis, string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var ms = (long)expiry.TotalMilliseconds;
        RedisValue[] parts = ms % 1000 == 0 ? ["EXPIRE", key, ms / 1000] : ["PEXPIRE", key, ms];
        return (await redis.ExecuteAsync(parts, cancellationToken)).ToInt64() == 1;
    }

    /// <summary>TTL key in seconds: -1 when the key has no expiry, -2 when it does not exist.</summary>
    public static async Task<long> TimeToLiveAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["TTL", key], cancellationToken)).ToInt64();

    /// <summary>PTTL key in milliseconds: -1 when the key has no expiry, -2 when it does not exist.</summary>
    public static async Task<long> TimeToLiveMillisecondsAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["PTTL", key], cancellationToken)).ToInt64();

    /// <summary>
    /// Iterates keys matching <paramref name="pattern"/> with SCAN, page by page, until the cursor returns to 0.
    /// Never blocks the server like KEYS; a key may be seen twice if the keyspace is rehashed meanwhile.
    /// </summary>
    public static async IAsyncEnumerable<string> ScanAsync(
        this RedisConnection redis,
        string pattern = "*",
        int pageSize = 250,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = "0";
        do
        {
            var reply = await redis.ExecuteAsync(["SCAN", cursor, "MATCH", pattern, "COUNT", pageSize], cancellationToken);
            var page = reply.Elements;
            cursor = page[0].ToString()!;
            foreach (var key in page[1].Elements) yield return key.ToString()!;
        }
        while (cursor != "0");
    }

    private static RedisValue[] Prepend(string command, IReadOnlyCollection<string> keys)
    {
        var parts = new RedisValue[keys.Count + 1];
        parts[0] = command;
        var i = 1;
        foreach (var key in keys) parts[i++] = key;
        return parts;
    }

    private static RedisValue[] Prepend(string command, string key, IReadOnlyCollection<RedisValue> values)
    {
        var parts = new RedisValue[values.Count + 2];
        parts[0] = command;
        parts[1] = key;
        var i = 2;
        foreach (var value in values) parts[i++] = value;
        return parts;
    }
}
