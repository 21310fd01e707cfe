using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChatServer.Redis;

/// <summary>
/// One long-lived, self-healing connection of one role, shared by all callers. Callers enqueue commands
/// (<see cref="Enqueue"/>); one writer loop drains whatever has accumulated into the socket and flushes once per
/// batch; one reader loop parses replies and completes the oldest sent command (Redis answers in order, so a FIFO
/// is the whole matching logic). Split by concern: this file holds state and the caller side;
/// <c>.Lifecycle</c> connect/reconnect, <c>.Write</c>, <c>.Read</c>, <c>.Timeouts</c> the loops.
/// </summary>
internal sealed partial class ConnectionChannel : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger _logger;
    private readonly RedisMetrics _metrics;
    private readonly string _endpoint;
    private readonly Func<RedisResult, bool>? _pushHandler;
    private readonly Func<CancellationToken, Task>? _restoreHandler;
    private readonly Action<RedisConnectionStateChangedEventArgs> _stateChanged;

    // Guards _unsent, _state and _lastFailure together, so "accept a command" and "the socket dropped, fail
    // everything" can never interleave into a command nobody completes.
    private readonly Lock _gate = new();
    private readonly Queue<PendingCommand> _unsent = new();

    // Written commands in wire order. Only the writer adds, only the reader (or teardown, after both loops have
    // stopped) removes; the timeout sweep only looks.
    private readonly ConcurrentQueue<PendingCommand> _sent = new();
    private readonly Channel<bool> _writeSignal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly CancellationTokenSource _lifetime = new();
    private RedisConnectionState _state = RedisConnectionState.NotStarted;
    private Exception? _lastFailure;
    private Task _runLoop = Task.CompletedTask;
    private Task _timeoutLoop = Task.CompletedTask;
    private Task _restoreTask = Task.CompletedTask;

    // Set from a reconnect until the restore handler (re-subscribing) has finished: connected, not yet ready.
    private volatile bool _restoring;
    private int _restoreGeneration;
    private TaskCompletionSource? _started;

    public ConnectionChannel(
        RedisOptions options,
        RedisConnectionRole role,
        ILogger logger,
        RedisMetrics metrics,
        Action<RedisConnectionStateChangedEventArgs> stateChanged,
        Func<RedisResult, bool>? pushHandler = null,
        Func<CancellationToken, Task>? restoreHandler = null)
    {
        _options = options;
        Role = role;
        _logger = logger;
        _metrics = metrics;
        _endpoint = options.Endpoint;
        _stateChanged = stateChanged;
        _pushHandler = pushHandler;
        _restoreHandler = restoreHandler;
    }

    public RedisConnectionRole Role { get; }

    public RedisConnectionState State
    {
        get
        {
            lock (_gate) return _state;
        }
    }

    /// <summary>Connected and, after a reconnect, done restoring (every subscription is back).</summary>
    public bool IsReady => !_restoring && State == RedisConnectionState.Connected;

    /// <summary>Why the connection is (or last was) down; null while it has never failed.</summary>
    public Exception? LastFailure
    {
        get
        {
            lock (_gate) return _lastFailure;
        }
    }

    /// <summary>Commands accepted and not yet answered.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate) return _unsent.Count + _sent.Count;
        }
    }

    public PendingCommand CreateCommand(RedisValue[] parts) =>
        new(parts, Environment.TickCount64 + (long)_options.CommandTimeout.TotalMilliseconds, _metrics);

    public PendingCommand CreateCommand(RedisValue[][] frames) =>
        new(frames, Environment.TickCount64 + (long)_options.CommandTimeout.TotalMilliseconds, _metrics);

    /// <summary>
    /// Queues a command for the writer, or throws at once when there is no connection: a command issued during an
    /// outage fails fast with the reason instead of waiting for a reconnect that may never come.
    /// </summary>
    public void Enqueue(PendingCommand command)
    {
        lock (_gate)
        {
            if (_state != RedisConnectionState.Connected)
            {
                throw _state switch
                {
                    RedisConnectionState.Disposed => RedisErrors.Disposed(_endpoint),
                    RedisConnectionState.NotStarted => RedisErrors.NotStarted(_endpoint),
                    _ => RedisErrors.NotConnected(_endpoint, RoleName, _lastFailure),
                };
            }

            _metrics.CommandStarted();
            _unsent.Enqueue(command);
        }

        _writeSignal.Writer.TryWrite(true);
    }

    /// <summary>
    /// Enqueue and return the reply task. Not an async method: without a cancellable token the caller awaits the
    /// command's own task, with no extra state machine on the hot path.
    /// </summary>
    public Task<RedisResult> ExecuteAsync(PendingCommand command, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<RedisResult>(cancellationToken);
        try
        {
            Enqueue(command);
        }
        catch (RedisConnectionException ex)
        {
            return Task.FromException<RedisResult>(ex);
        }

        return cancellationToken.CanBeCanceled ? AwaitCancellableAsync(command, cancellationToken) : command.Task;
    }

    private static async Task<RedisResult> AwaitCancellableAsync(PendingCommand command, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(
            static (state, token) => ((PendingCommand)state!).Cancel(token), command);
        return await command.Task;
    }

    private string RoleName => Role == RedisConnectionRole.Interactive ? "command" : "subscriber";

    private void RaiseStateChanged(RedisConnectionEvent change, RedisConnectionState state, Exception? failure)
    {
        try
        {
            _stateChanged(new RedisConnectionStateChangedEventArgs(Role, change, state, failure));
        }
        catch (Exception ex)
        {
            // A broken observer must not stop reconnecting.
            RedisLog.StateHandlerFailed(_logger, ex);
        }
    }
}
