using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Redis;

/// <summary>
/// A restarted Redis replays its append-only file before it serves commands, answering LOADING meanwhile. Each test
/// writes keys into a durable server that loads slowly (a delay per key), restarts it, and checks the client treats
/// LOADING as "not ready yet" rather than as a broken server.
/// </summary>
public sealed class RedisLoadingTests
{
    private const int Keys = 10_000;

    // 10 000 keys at 200 µs each: about two seconds (or more on a busy machine) of LOADING after every restart.
    private static readonly RedisServerSettings SlowLoading = new(Durable: true, KeyLoadDelayMicroseconds: 200);

    private static RedisOptions Options(RedisServer server, TimeSpan loadingTimeout)
    {
        var options = new RedisOptions
        {
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        options.ApplyConnectionString(server.ConnectionString);
        options.LoadingTimeout = loadingTimeout;
        return options;
    }

    private static async Task<RedisServer> StartWithKeysAsync()
    {
        var server = await RedisServer.StartAsync(SlowLoading);
        await using var writer = await RedisConnection.ConnectAsync(Options(server, TimeSpan.Zero));
        await writer.ExecuteAsync("EVAL", ["for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'k' .. i, i) end", 0, Keys]);
        return server;
    }

    private static async Task AssertStillLoadingAsync(RedisServer server) =>
        Assert.StartsWith("-LOADING", await server.SendRawAsync("PING"), StringComparison.Ordinal);

    [Fact]
    public async Task First_connect_waits_while_the_server_loads_then_sees_all_its_data()
    {
        await using var server = await StartWithKeysAsync();
        await server.RestartAsync(waitUntilLoaded: false);
        await AssertStillLoadingAsync(server);

        await using var client = await RedisConnection.ConnectAsync(Options(server, TimeSpan.FromSeconds(60)));

        Assert.Equal(Keys, (await client.ExecuteAsync("DBSIZE")).ToInt64());
        Assert.Equal("42", await client.GetStringAsync("k42"));
    }

    [Fact]
    public async Task First_connect_fails_clearly_when_loading_outlasts_the_loading_timeout()
    {
        await using var server = await StartWithKeysAsync();
        await server.RestartAsync(waitUntilLoaded: false);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(
            () => RedisConnection.ConnectAsync(Options(server, TimeSpan.FromMilliseconds(200))));

        Assert.Equal(RedisConnectionFailure.Loading, error.Failure);
        Assert.Contains("still loading its dataset", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint, error.Message, StringComparison.Ordinal);
        await AssertStillLoadingAsync(server);
    }

    [Fact]
    public async Task A_connected_client_fails_fast_while_the_restarted_server_loads_and_recovers_after()
    {
        await using var server = await StartWithKeysAsync();
        await using var client = await RedisConnection.ConnectAsync(Options(server, TimeSpan.FromSeconds(60)));
        await server.RestartAsync(waitUntilLoaded: false);

        // Commands are refused by the client with the reason, not sent to a server that would answer LOADING.
        await Eventually.TrueAsync(
            async () =>
            {
                var refused = await Assert.ThrowsAsync<RedisConnectionException>(() => client.ExecuteAsync("DBSIZE").WaitAsync(TimeSpan.FromSeconds(2)));
                return refused.Failure == RedisConnectionFailure.NotConnected
                    && refused.Message.Contains("still loading its dataset", StringComparison.Ordinal);
            },
            because: "a reconnect attempt meets LOADING and reports it");
        await AssertStillLoadingAsync(server);

        await Eventually.TrueAsync(() => client.IsConnected, timeout: TimeSpan.FromSeconds(60));
        Assert.Equal(Keys, (await client.ExecuteAsync("DBSIZE")).ToInt64());
    }
}
