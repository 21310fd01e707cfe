using ChatServer.Chat.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// One redis-server shared by every test class in <see cref="RedisServerCollection"/>, plus one connected
/// StackExchange.Redis multiplexer. Tests keep out of each other's way with <see cref="Key"/>, which makes a unique
/// key per test.
/// </summary>
public class RedisServerFixture : IAsyncLifetime
{
    private readonly RedisServerSettings _settings;

    private RedisServer? _server;
    private ConnectionMultiplexer? _multiplexer;

    public RedisServerFixture()
        : this(new RedisServerSettings())
    {
    }

    protected RedisServerFixture(RedisServerSettings settings) => _settings = settings;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Fixture not initialized.");

    /// <summary>A shared, connected multiplexer; admin commands allowed (FLUSHALL, CONFIG, … for test set-up).</summary>
    public ConnectionMultiplexer Multiplexer => _multiplexer ?? throw new InvalidOperationException("Fixture not initialized.");

    /// <summary>A unique key (or channel) name: <c>test:{name}:{guid}</c>.</summary>
    public static string Key(string name) => $"test:{name}:{Guid.NewGuid():N}";

    /// <summary>
    /// A separate <see cref="ChatRedisConnection"/> (its own multiplexer, connected on first use) to this server, as the
    /// stores get it in the app. The caller disposes it.
    /// </summary>
    public ChatRedisConnection CreateChatConnection() =>
        new(Options.Create(new RedisConnectionOptions { Configuration = Server.ConnectionString }), TestMetrics.Create(), NullLogger<ChatRedisConnection>.Instance);

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync(_settings);
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString + ",allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        if (_multiplexer is not null) await _multiplexer.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
