namespace ChatServer.Redis;

/// <summary>The writer loop: pipelining happens here.</summary>
internal sealed partial class ConnectionChannel
{
    /// <summary>
    /// Waits for work, moves every queued command to the sent FIFO (in the order they will hit the wire), writes
    /// them all into the pipe and flushes once. Commands arriving during a flush form the next batch, so batches
    /// grow with load on their own: no timers, no added latency when idle.
    /// </summary>
    private async Task WriteLoopAsync(PhysicalConnection connection, CancellationToken cancellationToken)
    {
        var output = connection.Output;
        var batch = new List<PendingCommand>(64);
        while (true)
        {
            await _writeSignal.Reader.ReadAsync(cancellationToken);
            while (true)
            {
                lock (_gate)
                {
                    while (_unsent.TryDequeue(out var command))
                    {
                        // Timed out or cancelled before it was sent: it never goes on the wire.
                        if (command.Task.IsCompleted) continue;
                        batch.Add(command);
                        _sent.Enqueue(command);
                    }
                }

                if (batch.Count == 0) break;
                foreach (var command in batch) command.WriteTo(output);
                batch.Clear();

                var flush = await output.FlushAsync(cancellationToken);
                if (flush.IsCompleted || flush.IsCanceled) throw RedisErrors.ServerClosed(_endpoint);
            }
        }
    }
}
