namespace ChatServer.Redis;

/// <summary>The timeout sweep: one timer per connection instead of one per command.</summary>
internal sealed partial class ConnectionChannel
{
    /// <summary>
    /// Fails commands past their deadline. The command stays in the FIFO (its reply will still come and must be
    /// consumed in order); only its caller stops waiting. Other callers and the socket are unaffected.
    /// </summary>
    private async Task RunTimeoutLoopAsync(CancellationToken lifetime)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(_options.CommandTimeout.TotalMilliseconds / 10, 5, 100));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(lifetime))
        {
            var expired = new List<PendingCommand>();
            var now = Environment.TickCount64;
            lock (_gate)
            {
                foreach (var command in _unsent)
                {
                    if (now >= command.Deadline && !command.Task.IsCompleted) expired.Add(command);
                }
            }

            foreach (var command in _sent)
            {
                if (now >= command.Deadline && !command.Task.IsCompleted) expired.Add(command);
            }

            foreach (var command in expired) RedisLog.CommandTimedOut(_logger, command.Name, _options.CommandTimeout.TotalMilliseconds);
            FailAll(expired, command => RedisErrors.Timeout(command.Name, _options.CommandTimeout, _endpoint), "timeout");
        }
    }
}
