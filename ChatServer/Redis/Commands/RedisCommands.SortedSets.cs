namespace ChatServer.Redis;

/// <summary>Sorted-set commands: ZADD, ZREM, ZRANGEBYSCORE, ZREMRANGEBYSCORE.</summary>
public static partial class RedisCommands
{
    /// <summary>ZADD key score member; true when the member is new (an existing member's score is updated).</summary>
    public static async Task<bool> SortedSetAddAsync(this RedisConnection redis, string key, RedisValue member, double score, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["ZADD", key, score, member], cancellationToken)).ToInt64() == 1;

    /// <summary>ZREM key member; true when it was there.</summary>
    public static async Task<bool> SortedSetRemoveAsync(this RedisConnection redis, string key, RedisValue member, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["ZREM", key, member], cancellationToken)).ToInt64() == 1;

    /// <summary>ZRANGEBYSCORE key min max [LIMIT skip take], ascending by score.</summary>
    public static async Task<RedisValue[]> SortedSetRangeByScoreAsync(
        this RedisConnection redis,
        string key,
        ScoreBound min,
        ScoreBound max,
        long skip = 0,
        long take = -1,
        CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(RangeByScore(key, min, max, skip, take, withScores: false), cancellationToken)).ToValueArray();

    /// <summary>ZRANGEBYSCORE key min max WITHSCORES [LIMIT skip take].</summary>
    public static async Task<RedisSortedSetEntry[]> SortedSetRangeByScoreWithScoresAsync(
        this RedisConnection redis,
        string key,
        ScoreBound min,
        ScoreBound max,
        long skip = 0,
        long take = -1,
        CancellationToken cancellationToken = default)
    {
        var flat = (await redis.ExecuteAsync(RangeByScore(key, min, max, skip, take, withScores: true), cancellationToken)).Elements;
        var entries = new RedisSortedSetEntry[flat.Count / 2];
        for (var i = 0; i < entries.Length; i++) entries[i] = new RedisSortedSetEntry(flat[2 * i].ToRedisValue(), flat[2 * i + 1].ToDouble());
        return entries;
    }

    /// <summary>ZREMRANGEBYSCORE key min max; how many were removed.</summary>
    public static async Task<long> SortedSetRemoveRangeByScoreAsync(this RedisConnection redis, string key, ScoreBound min, ScoreBound max, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["ZREMRANGEBYSCORE", key, min.ToString(), max.ToString()], cancellationToken)).ToInt64();

    private static RedisValue[] RangeByScore(string key, ScoreBound min, ScoreBound max, long skip, long take, bool withScores)
    {
        var parts = new List<RedisValue>(8) { "ZRANGEBYSCORE", key, min.ToString(), max.ToString() };
        if (withScores) parts.Add("WITHSCORES");
        if (skip != 0 || take >= 0)
        {
            parts.Add("LIMIT");
            parts.Add(skip);
            parts.Add(take);
        }

        return [.. parts];
    }
}
