using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Follows the multiplexer's two connections (commands and subscriptions) from its events: says whether the
/// instance can serve (<see cref="RedisHealthCheck"/>), and logs each outage once when it begins and once when it
/// ends, with its length and how many reconnect attempts failed in between, instead of a line per failure.
/// </summary>
internal sealed class RedisConnectionMonitor(ChatRedisConnection redis, TimeProvider timeProvider, ILogger<RedisConnectionMonitor> logger) : IHostedService
{
    private readonly Lock _sync = new();
    private readonly HashSet<ConnectionType> _down = [];
    private long _outageStarted;
    private int _failures;
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>True when both connections are up, as far as the events tell.</summary>
    public bool IsReady
    {
        get
        {
            lock (_sync) return _multiplexer is { IsConnected: true } && _down.Count == 0;
        }
    }

    /// <summary>What is down, for the health check's text.</summary>
    public string Describe()
    {
        lock (_sync)
        {
            return _multiplexer is null ? "not connected yet"
                : _down.Count == 0 && !_multiplexer.IsConnected ? "connecting"
                : $"{string.Join(" and ", _down.Order().Select(type => type.ToString().ToLowerInvariant()))} connection down";
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Connects before the server takes traffic (abortConnect=true, the default, fails start-up if Redis is unreachable).
        var multiplexer = await redis.GetMultiplexerAsync();
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        lock (_sync) _multiplexer = multiplexer;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_multiplexer is { } multiplexer)
            {
                multiplexer.ConnectionFailed -= OnConnectionFailed;
                multiplexer.ConnectionRestored -= OnConnectionRestored;
            }
        }

        return Task.CompletedTask;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs args)
    {
        lock (_sync)
        {
            _failures++;
            var began = _down.Count == 0;
            _down.Add(args.ConnectionType);
            if (!began) return;
            _outageStarted = timeProvider.GetTimestamp();
            _failures = 1;
        }

        RedisConnectionLog.OutageBegan(logger, args.ConnectionType.ToString(), args.EndPoint?.ToString() ?? "?", args.FailureType.ToString(), args.Exception?.Message ?? "no detail");
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args)
    {
        long durationMs;
        int failures;
        lock (_sync)
        {
            if (!_down.Remove(args.ConnectionType) || _down.Count > 0) return;
            durationMs = (long)timeProvider.GetElapsedTime(_outageStarted).TotalMilliseconds;
            failures = _failures;
        }

        RedisConnectionLog.OutageEnded(logger, durationMs, failures);
    }
}
