using ChatServer.Redis;

namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// One redis-server shared by every test class in <see cref="RedisServerCollection"/>, plus one connected client.
/// Tests keep out of each other's way with <see cref="Key"/>, which makes a unique key per test.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private RedisConnection? _connection;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Fixture not initialized.");

    /// <summary>A shared, connected client (default options).</summary>
    public RedisConnection Connection => _connection ?? throw new InvalidOperationException("Fixture not initialized.");

    /// <summary>A unique key (or channel) name: <c>test:{name}:{guid}</c>.</summary>
    public static string Key(string name) => $"test:{name}:{Guid.NewGuid():N}";

    /// <summary>Options for this server, adjustable per test.</summary>
    public RedisOptions Options(Action<RedisOptions>? configure = null)
    {
        var options = RedisOptions.Parse(Server.ConnectionString);
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A separate client (its own sockets), e.g. with a short command timeout.</summary>
    public Task<RedisConnection> ConnectAsync(Action<RedisOptions>? configure = null) =>
        RedisConnection.ConnectAsync(Options(configure), null, CancellationToken.None);

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _connection = await RedisConnection.ConnectAsync(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
