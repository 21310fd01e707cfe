using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.ScaleOut;

/// <summary>
/// A restarted Redis replays its append-only file before it serves commands, answering LOADING meanwhile (PING
/// included). A ChatServer started then, as when a whole cluster restarts, waits for it instead of exiting.
/// </summary>
public sealed class RedisLoadingTests
{
    private const int Keys = 10_000;

    [Fact]
    public async Task An_instance_started_while_redis_is_still_loading_waits_and_then_serves()
    {
        // 10 000 keys at 1 ms each: about ten seconds of LOADING after the restart, longer than the server process takes
        // to start and reach Redis even on a busy machine (three seconds was not always enough).
        await using var redis = await RedisServer.StartAsync(new RedisServerSettings(Durable: true, KeyLoadDelayMicroseconds: 1000));
        await redis.SendRawAsync($"EVAL \"for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'k' .. i, i) end\" 0 {Keys}");
        Assert.Equal($":{Keys}", await redis.SendRawAsync("DBSIZE"));
        await redis.RestartAsync(waitUntilLoaded: false);
        Assert.StartsWith("-LOADING", await redis.SendRawAsync("PING"), StringComparison.Ordinal);

        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string> { ["Redis__Configuration"] = redis.ConnectionString });

        Assert.Contains("Redis is still loading its data; waiting up to 60 s before starting", server.Output, StringComparison.Ordinal);
        Assert.Equal("+PONG", await redis.SendRawAsync("PING"));
    }
}
