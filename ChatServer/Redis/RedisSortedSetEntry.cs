namespace ChatServer.Redis;

/// <summary>A sorted-set member with its score.</summary>
public readonly record struct RedisSortedSetEntry(RedisValue Member, double Score);
