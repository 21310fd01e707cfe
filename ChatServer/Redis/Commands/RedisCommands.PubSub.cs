namespace ChatServer.Redis;

/// <summary>PUBLISH (subscribing lives on <see cref="RedisConnection"/>, it needs the subscriber socket).</summary>
public static partial class RedisCommands
{
    /// <summary>PUBLISH channel message; how many subscribers (server-wide) received it.</summary>
    public static async Task<long> PublishAsync(this RedisConnection redis, string channel, RedisValue message, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync(["PUBLISH", channel, message], cancellationToken)).ToInt64();
}
