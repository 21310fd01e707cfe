namespace ChatServer.Redis;

/// <summary>Connect, run sessions, notice loss, reconnect with exponential backoff and jitter, dispose.</summary>
internal sealed partial class ConnectionChannel
{
    /// <summary>
    /// First connect. With <see cref="RedisOptions.AbortOnConnectFail"/> a failure is thrown to the caller (and a
    /// later call tries again); otherwise it is logged and the background loop keeps trying while commands fail
    /// fast. Calls after a successful start (e.g. the hosted service and a test both calling it) await that start.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? earlierStart = null;
        TaskCompletionSource? thisStart = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == RedisConnectionState.Disposed, this);
            if (_state == RedisConnectionState.NotStarted)
            {
                _state = RedisConnectionState.Connecting;
                thisStart = _started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else
            {
                earlierStart = _started;
            }
        }

        if (thisStart is null)
        {
            if (earlierStart is not null) await earlierStart.Task.WaitAsync(cancellationToken);
            return;
        }

        try
        {
            await StartCoreAsync(cancellationToken);
            thisStart.TrySetResult();
        }
        catch (Exception ex)
        {
            thisStart.TrySetException(ex);

            // This caller gets the exception below; concurrent callers (if any) get it from the task. Reading it
            // marks it observed so it is not reported again as an unobserved task exception.
            _ = thisStart.Task.Exception;
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        PhysicalConnection? connection = null;
        try
        {
            connection = await ConnectOnceLoadedAsync(cancellationToken);
        }
        catch (RedisConnectionException ex) when (!_options.AbortOnConnectFail)
        {
            RedisLog.ConnectFailed(_logger, Role, _endpoint, ex);
            SetState(RedisConnectionState.Reconnecting, ex);
        }
        catch (Exception ex)
        {
            SetState(RedisConnectionState.NotStarted, ex);
            throw;
        }

        if (connection is not null)
        {
            SetState(RedisConnectionState.Connected, null);
            RedisLog.Connected(_logger, Role, _endpoint);
            RaiseStateChanged(RedisConnectionEvent.Connected, RedisConnectionState.Connected, null);
        }

        _timeoutLoop = RunTimeoutLoopAsync(_lifetime.Token);
        _runLoop = RunAsync(connection, _lifetime.Token);
    }

    /// <summary>
    /// A restarted Redis answers LOADING until it has replayed its data, which can take a while; that is not a
    /// broken server, so the first connect retries (with backoff) for up to <see cref="RedisOptions.LoadingTimeout"/>
    /// instead of failing start-up. Later reconnects need no such wait: their loop retries anyway.
    /// </summary>
    private async Task<PhysicalConnection> ConnectOnceLoadedAsync(CancellationToken cancellationToken)
    {
        var waitingSince = Environment.TickCount64;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PhysicalConnection.ConnectAsync(_options, Role, _logger, cancellationToken);
            }
            catch (RedisConnectionException ex) when (ex.Failure == RedisConnectionFailure.Loading)
            {
                var remaining = _options.LoadingTimeout - TimeSpan.FromMilliseconds(Environment.TickCount64 - waitingSince);
                if (remaining <= TimeSpan.Zero) throw;
                if (attempt == 1) RedisLog.WaitingForLoading(_logger, Role, _endpoint, (long)_options.LoadingTimeout.TotalMilliseconds);
                var delay = BackoffDelay(attempt);
                await Task.Delay(delay < remaining ? delay : remaining, cancellationToken);
            }
        }
    }

    private void SetState(RedisConnectionState state, Exception? failure)
    {
        lock (_gate)
        {
            if (_state == RedisConnectionState.Disposed) return;
            _state = state;
            if (failure is not null) _lastFailure = failure;
        }
    }

    private async Task RunAsync(PhysicalConnection? connection, CancellationToken lifetime)
    {
        var attempts = 0;
        while (!lifetime.IsCancellationRequested)
        {
            try
            {
                if (connection is null)
                {
                    (connection, attempts) = await ReconnectAsync(lifetime);
                    if (connection is null) return;
                    OnRestored(attempts, lifetime);
                }

                var failure = await RunSessionAsync(connection, lifetime);
                connection = null;
                if (lifetime.IsCancellationRequested) return;
                OnLost(failure);
            }
            catch (Exception ex) when (!lifetime.IsCancellationRequested)
            {
                // Loop boundary: a bug here must not leave the client silently dead.
                RedisLog.LoopFailed(_logger, Role, _endpoint, ex);
                if (connection is not null) await connection.DisposeAsync();
                connection = null;
                OnLost(ex);
            }
        }
    }

    private async Task<(PhysicalConnection? Connection, int Attempts)> ReconnectAsync(CancellationToken lifetime)
    {
        for (var attempt = 1; ; attempt++)
        {
            var delay = BackoffDelay(attempt);
            RedisLog.ReconnectAttempt(_logger, Role, _endpoint, attempt, (long)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, lifetime);
                return (await PhysicalConnection.ConnectAsync(_options, Role, _logger, lifetime), attempt);
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                return (null, attempt);
            }
            catch (RedisConnectionException ex)
            {
                RedisLog.ReconnectFailed(_logger, Role, _endpoint, attempt, ex.Message);
                SetState(RedisConnectionState.Reconnecting, ex);
            }
        }
    }

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so clients spread out.</summary>
    private TimeSpan BackoffDelay(int attempt)
    {
        var min = _options.ReconnectMinDelay.TotalMilliseconds;
        var max = _options.ReconnectMaxDelay.TotalMilliseconds;
        var step = Math.Min(max, min * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
    }

    private void OnRestored(int attempts, CancellationToken lifetime)
    {
        // Marked before the state turns Connected, so no reader sees "connected and ready" before re-subscribing.
        _restoring = _restoreHandler is not null;
        SetState(RedisConnectionState.Connected, null);
        _metrics.Reconnected();
        RedisLog.Restored(_logger, Role, _endpoint, attempts);
        if (_restoreHandler is null)
        {
            RaiseStateChanged(RedisConnectionEvent.Restored, RedisConnectionState.Connected, null);
            return;
        }

        // Re-subscribing needs the session's reader running, so it runs beside it; awaited on dispose.
        _restoreTask = RestoreAsync(Interlocked.Increment(ref _restoreGeneration), lifetime);
    }

    private async Task RestoreAsync(int generation, CancellationToken lifetime)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _restoreHandler!(lifetime);
                if (generation != Volatile.Read(ref _restoreGeneration)) return;
                _restoring = false;
                RaiseStateChanged(RedisConnectionEvent.Restored, RedisConnectionState.Connected, null);
                return;
            }
            catch (Exception ex) when (ex is RedisException or OperationCanceledException)
            {
                RedisLog.RestoreFailed(_logger, Role, _endpoint, attempt, ex);
            }

            // Dropped again, shutting down, or a newer session took over: the next reconnect re-runs the restore.
            if (lifetime.IsCancellationRequested || State != RedisConnectionState.Connected || generation != Volatile.Read(ref _restoreGeneration))
            {
                return;
            }

            // Still connected but not restored (a SUBSCRIBE refused or timed out): try again, as the socket would
            // otherwise stay up and not ready for good. Re-sending SUBSCRIBE for a channel already held is harmless.
            await Task.Delay(BackoffDelay(attempt), lifetime).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void OnLost(Exception failure)
    {
        var lost = failure as RedisConnectionException ?? RedisErrors.ConnectionLost(_endpoint, failure);
        List<PendingCommand> unsent;
        lock (_gate)
        {
            if (_state == RedisConnectionState.Disposed) return;
            _state = RedisConnectionState.Reconnecting;
            _lastFailure = lost;
            _restoring = false;
            unsent = [.. _unsent];
            _unsent.Clear();
        }

        var inFlight = _sent.Count;
        RedisLog.ConnectionLost(_logger, Role, _endpoint, inFlight, failure);
        FailAll(unsent, _ => RedisErrors.NotConnected(_endpoint, RoleName, lost));
        FailSent(cause => RedisErrors.ConnectionLost(_endpoint, cause), failure);
        RaiseStateChanged(RedisConnectionEvent.Lost, RedisConnectionState.Reconnecting, lost);
    }

    private void FailSent(Func<Exception, Exception> error, Exception cause)
    {
        var sent = new List<PendingCommand>();
        while (_sent.TryDequeue(out var command)) sent.Add(command);
        FailAll(sent, _ => error(cause));
    }

    /// <summary>On the pool, so callers' continuations never run on (and delay) the reconnect loop.</summary>
    private static void FailAll(List<PendingCommand> commands, Func<PendingCommand, Exception> error, string errorType = "connection")
    {
        if (commands.Count == 0) return;
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                foreach (var command in state.Commands) command.Fail(state.Error(command), state.ErrorType);
            },
            (Commands: commands, Error: error, ErrorType: errorType),
            preferLocal: false);
    }

    public async ValueTask DisposeAsync()
    {
        List<PendingCommand> unsent;
        lock (_gate)
        {
            if (_state == RedisConnectionState.Disposed) return;
            _state = RedisConnectionState.Disposed;
            unsent = [.. _unsent];
            _unsent.Clear();
        }

        await _lifetime.CancelAsync();
        await AwaitQuietlyAsync(_runLoop);
        await AwaitQuietlyAsync(_timeoutLoop);
        await AwaitQuietlyAsync(_restoreTask);

        var disposed = RedisErrors.Disposed(_endpoint);
        FailAll(unsent, _ => disposed);
        FailSent(_ => disposed, disposed);
        RaiseStateChanged(RedisConnectionEvent.Closed, RedisConnectionState.Disposed, null);
        _lifetime.Dispose();
    }

    private static async Task AwaitQuietlyAsync(Task task)
    {
        // The loops end by cancellation on dispose; that is the expected outcome, not a failure.
        await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
