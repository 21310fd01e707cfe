namespace ChatServer.Redis;

/// <summary>Stream commands: XADD, XRANGE, XREVRANGE, XLEN, XTRIM.</summary>
public static partial class RedisCommands
{
    /// <summary>
    /// XADD key [MAXLEN [~] n] id field value [field value …]; returns the entry id. With
    /// <paramref name="approximate"/> (the default) trimming uses <c>~</c>, which Redis does in whole nodes: cheap,
    /// and the stream keeps at least <paramref name="maxLength"/> entries.
    /// </summary>
    public static async Task<string> StreamAddAsync(
        this RedisConnection redis,
        string key,
        IReadOnlyCollection<KeyValuePair<string, RedisValue>> fields,
        long? maxLength = null,
        bool approximate = true,
        string id = "*",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0) throw new ArgumentException("A stream entry needs at least one field.", nameof(fields));
        var parts = new List<RedisValue>(fields.Count * 2 + 6) { "XADD", key };
        if (maxLength is { } max)
        {
            parts.Add("MAXLEN");
            if (approximate) parts.Add("~");
            parts.Add(max);
        }

        parts.Add(id);
        foreach (var (field, value) in fields)
        {
            parts.Add(field);
            parts.Add(value);
        }

        return (await redis.ExecuteAsync([.. parts], cancellationToken)).ToString()!;
    }

    /// <summary>
    /// XRANGE key start end [COUNT n], oldest first. Bounds are ids, <c>-</c>/<c>+</c>, or exclusive
    /// <c>(id</c> (see <see cref="RedisStreamEntry.ExclusiveBound"/>).
    /// </summary>
    public static async Task<RedisStreamEntry[]> StreamRangeAsync(
        this RedisConnection redis,
        string key,
        string start = "-",
        string end = "+",
        int? count = null,
        CancellationToken cancellationToken = default) =>
        ParseEntries(await redis.ExecuteAsync(Range("XRANGE", key, start, end, count), cancellationToken));

    /// <summary>XREVRANGE key end start [COUNT n], newest first (note: the high bound comes first).</summary>
    public static async Task<RedisStreamEntry[]> StreamReverseRangeAsync(
        this RedisConnection redis,
        string key,
        string end = "+",
        string start = "-",
        int? count = null,
        CancellationToken cancellationToken = default) =>
        ParseEntries(await redis.ExecuteAsync(Range("XREVRANGE", key, end, start, count), cancellationToken));

    /// <summary>XLEN key.</summary>
    public static async Task<long> StreamLengthAsync(this RedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["XLEN", key], cancellationToken)).ToInt64();

    /// <summary>XTRIM key MAXLEN [~] n; how many entries were removed.</summary>
    public static async Task<long> StreamTrimAsync(this RedisConnection redis, string key, long maxLength, bool approximate = false, CancellationToken cancellationToken = default)
    {
        RedisValue[] parts = approximate ? ["XTRIM", key, "MAXLEN", "~", maxLength] : ["XTRIM", key, "MAXLEN", maxLength];
        return (await redis.ExecuteAsync(parts, cancellationToken)).ToInt64();
    }

    private static RedisValue[] Range(string command, string key, string first, string second, int? count) =>
        count is { } n ? [command, key, first, second, "COUNT", n] : [command, key, first, second];

    /// <summary>Stream entries arrive as <c>[[id, [field, value, …]], …]</c>.</summary>
    private static RedisStreamEntry[] ParseEntries(RedisResult reply)
    {
        var items = reply.Elements;
        var entries = new RedisStreamEntry[items.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var item = items[i].Elements;
            var flat = item[1].Elements;
            var fields = new KeyValuePair<string, RedisValue>[flat.Count / 2];
            for (var f = 0; f < fields.Length; f++) fields[f] = new(flat[2 * f].ToString()!, flat[2 * f + 1].ToRedisValue());
            entries[i] = new RedisStreamEntry(item[0].ToString()!, fields);
        }

        return entries;
    }
}
