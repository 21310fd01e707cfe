using ChatServer.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// The instance's StackExchange.Redis multiplexer, shared by every store and the room message feed (SignalR's
/// backplane keeps its own, for its channel prefix). It connects on first use; <see cref="RedisConnectionMonitor"/>
/// makes that first use happen at start-up, before the server takes traffic; the container closes it at shutdown.
/// </summary>
public sealed class ChatRedisConnection(IOptions<RedisConnectionOptions> options, ChatMetrics metrics, ILogger<ChatRedisConnection> logger) : IAsyncDisposable
{
    private readonly Lock _sync = new();
    private Task<ConnectionMultiplexer>? _connecting;

    /// <summary>The connected multiplexer (connecting it the first time). Never a connection per call.</summary>
    public Task<ConnectionMultiplexer> GetMultiplexerAsync()
    {
        lock (_sync)
        {
            // A failed first connect (abortConnect=true and Redis unreachable) is tried again by the next caller.
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectAsync();
            }

            return _connecting;
        }
    }

    /// <summary>Where <see cref="RedisCalls"/> counts the calls that failed (<c>chat_redis_errors_total</c>).</summary>
    public ChatMetrics Metrics => metrics;

    /// <summary>The database every store works in (the connection string's <c>defaultDatabase</c>).</summary>
    public async ValueTask<IDatabase> GetDatabaseAsync() => (await GetMultiplexerAsync()).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? connecting;
        lock (_sync)
        {
            connecting = _connecting;
        }

        if (connecting is { IsCompletedSuccessfully: true })
        {
            var multiplexer = await connecting;
            await multiplexer.CloseAsync(allowCommandsToComplete: true);
            await multiplexer.DisposeAsync();
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var configuration = options.Value.Parse();
        configuration.ClientName ??= "chatserver";
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        var safeConfiguration = configuration.ToString(includePassword: false);
        RedisConnectionLog.Connected(logger, safeConfiguration, multiplexer.IsConnected);
        await WaitWhileLoadingAsync(multiplexer.GetDatabase());
        return multiplexer;
    }

    /// <summary>
    /// LOADING comes as the reply to the PING, or, when the connection meets it during its own handshake, as a failed
    /// connection whose reason is Loading: both mean "wait".
    /// </summary>
    private static bool IsLoading(RedisException exception) =>
        exception is RedisServerException server && RedisCalls.IsLoading(server)
        || exception is RedisConnectionException { FailureType: ConnectionFailureType.Loading };

    /// <summary>
    /// A Redis that restarted with a large append-only file accepts connections but answers LOADING until its data is
    /// back; an instance starting meanwhile (a cluster restarted as a whole) waits for it instead of failing start-up.
    /// </summary>
    private async Task WaitWhileLoadingAsync(IDatabase db)
    {
        var waited = TimeSpan.Zero;
        for (var delay = TimeSpan.FromMilliseconds(100); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks)))
        {
            try
            {
                await db.PingAsync();
                return;
            }
            catch (RedisException exception) when (IsLoading(exception) && waited < options.Value.LoadingTimeout)
            {
                if (waited == TimeSpan.Zero) RedisConnectionLog.WaitingWhileLoading(logger, options.Value.LoadingTimeout.TotalSeconds);
                await Task.Delay(delay);
                waited += delay;
            }
        }
    }
}
