using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatServer.Redis;

/// <summary>
/// The client: one multiplexed, pipelined command socket shared by every caller, plus one subscriber socket.
/// Create it once per process (it is thread-safe), call <see cref="ConnectAsync(CancellationToken)"/>, and use
/// <see cref="ExecuteAsync(string, IReadOnlyList{RedisValue}, CancellationToken)"/> or the typed commands in
/// <see cref="RedisCommands"/>. Both sockets reconnect on their own; while one is down its commands fail fast.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger _logger;
    private readonly RedisMetrics _metrics;
    private readonly ConnectionChannel _interactive;
    private readonly ConnectionChannel _subscriber;
    private readonly SubscriptionManager _subscriptions;
    private int _disposed;

    /// <summary>Creates an unconnected client; nothing happens until <see cref="ConnectAsync(CancellationToken)"/>.</summary>
    public RedisConnection(RedisOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = RedisOptionsValidator.Check(options);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));

        _options = options.Clone();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisConnection>();
        _metrics = new RedisMetrics(meterFactory);
        _subscriptions = new SubscriptionManager(_options, _logger, _metrics);
        _interactive = new ConnectionChannel(_options, RedisConnectionRole.Interactive, _logger, _metrics, OnStateChanged);
        _subscriber = new ConnectionChannel(
            _options, RedisConnectionRole.Subscriber, _logger, _metrics, OnStateChanged,
            _subscriptions.TryDispatch, _subscriptions.ResubscribeAsync);
        _subscriptions.Attach(_subscriber);
    }

    /// <summary>Creates and connects a client; disposes it again if connecting fails.</summary>
    public static async Task<RedisConnection> ConnectAsync(RedisOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var connection = new RedisConnection(options, loggerFactory);
        try
        {
            await connection.ConnectAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates and connects a client from a connection string (<c>host:port,password=…</c>).</summary>
    public static Task<RedisConnection> ConnectAsync(string connectionString, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(RedisOptions.Parse(connectionString), loggerFactory, cancellationToken);

    /// <summary>Raised on connect, loss, restore and close of either socket; handlers run on the connection's loop, keep them short.</summary>
    public event EventHandler<RedisConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>A copy of the options in use.</summary>
    public RedisOptions Options => _options.Clone();

    /// <summary>State of the command socket.</summary>
    public RedisConnectionState State => _interactive.State;

    /// <summary>State of the subscriber socket.</summary>
    public RedisConnectionState SubscriberState => _subscriber.State;

    /// <summary>
    /// True when both sockets are connected and, after a reconnect, every subscription is back: what a readiness
    /// check wants (a subscriber that is connected but still re-subscribing would miss what is published meanwhile).
    /// </summary>
    public bool IsConnected => State == RedisConnectionState.Connected && _subscriber.IsReady;

    /// <summary>The subscriber socket is connected but its subscriptions are still being re-established.</summary>
    public bool IsResubscribing => SubscriberState == RedisConnectionState.Connected && !_subscriber.IsReady;

    /// <summary>Why the command socket is (or last was) down, for health check descriptions.</summary>
    public Exception? LastFailure => _interactive.LastFailure ?? _subscriber.LastFailure;

    /// <summary>Commands accepted and not yet answered on the command socket.</summary>
    public int PendingCommands => _interactive.PendingCount;

    /// <summary>
    /// Connects both sockets (command and subscriber) within the connect timeout. Safe to call again: later calls
    /// await the first start (a failed start with <c>abortConnect=true</c> may be retried).
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_interactive.StartAsync(cancellationToken), _subscriber.StartAsync(cancellationToken));
    }

    /// <summary>Sends any command and returns its reply. Error replies throw <see cref="RedisServerException"/>.</summary>
    public Task<RedisResult> ExecuteAsync(string command, CancellationToken cancellationToken = default) =>
        ExecuteAsync([command], cancellationToken);

    /// <summary>Sends any command with arguments and returns its reply. Error replies throw <see cref="RedisServerException"/>.</summary>
    public Task<RedisResult> ExecuteAsync(string command, IReadOnlyList<RedisValue> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return ExecuteAsync(new RedisCommand(command, args).ToParts(), cancellationToken);
    }

    /// <summary>The hot path for typed commands: <paramref name="parts"/>[0] is the command name.</summary>
    internal Task<RedisResult> ExecuteAsync(RedisValue[] parts, CancellationToken cancellationToken) =>
        _interactive.ExecuteAsync(_interactive.CreateCommand(parts), cancellationToken);

    /// <summary>
    /// Runs the commands atomically as MULTI … EXEC, written back to back so no other caller's command can land
    /// inside. Returns one reply per command; a command that failed at run time has an error reply
    /// (<see cref="RedisResult.IsError"/>) while the others still applied, as Redis defines it. A command rejected
    /// while queueing aborts the whole transaction with a <see cref="RedisServerException"/> (EXECABORT).
    /// </summary>
    public async Task<IReadOnlyList<RedisResult>> ExecuteTransactionAsync(IReadOnlyList<RedisCommand> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var frames = new RedisValue[commands.Count + 2][];
        frames[0] = ["MULTI"];
        for (var i = 0; i < commands.Count; i++) frames[i + 1] = commands[i].ToParts();
        frames[^1] = ["EXEC"];
        var reply = await _interactive.ExecuteAsync(_interactive.CreateCommand(frames), cancellationToken);
        if (reply.IsNull) throw RedisErrors.ServerError("EXECABORT Transaction discarded.");
        return reply.Elements;
    }

    /// <summary>
    /// Subscribes <paramref name="handler"/> to <paramref name="channel"/>. Messages reach the handler in publish
    /// order, one at a time, from its own bounded queue. The first handler for a channel sends SUBSCRIBE; disposing
    /// the last one sends UNSUBSCRIBE.
    /// </summary>
    public Task<RedisSubscription> SubscribeAsync(string channel, Func<RedisMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(handler);
        return _subscriptions.SubscribeAsync(new SubscriptionKey(channel, false), handler, cancellationToken);
    }

    /// <summary>Like <see cref="SubscribeAsync"/> for a glob pattern (PSUBSCRIBE), e.g. <c>room:*</c>.</summary>
    public Task<RedisSubscription> SubscribePatternAsync(string pattern, Func<RedisMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        return _subscriptions.SubscribeAsync(new SubscriptionKey(pattern, true), handler, cancellationToken);
    }

    /// <summary>Closes both sockets; pending commands fail with a <see cref="RedisConnectionException"/> (Disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _interactive.DisposeAsync();
        await _subscriber.DisposeAsync();
        await _subscriptions.DisposeHandlersAsync();
        _subscriptions.Dispose();
        _metrics.Dispose();
    }

    private void OnStateChanged(RedisConnectionStateChangedEventArgs change) => StateChanged?.Invoke(this, change);
}
