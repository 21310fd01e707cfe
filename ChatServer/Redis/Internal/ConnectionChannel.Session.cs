namespace ChatServer.Redis;

/// <summary>One socket's life: the reader and writer loops run until either fails, then both stop.</summary>
internal sealed partial class ConnectionChannel
{
    /// <summary>Runs until the socket fails or the channel is disposed; returns why it ended.</summary>
    private async Task<Exception> RunSessionAsync(PhysicalConnection connection, CancellationToken lifetime)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        var reader = Task.Run(() => ReadLoopAsync(connection, session.Token), CancellationToken.None);
        var writer = Task.Run(() => WriteLoopAsync(connection, session.Token), CancellationToken.None);

        // Commands accepted before this session started (none today, but cheap insurance) get written now.
        _writeSignal.Writer.TryWrite(true);

        var first = await Task.WhenAny(reader, writer);
        await session.CancelAsync();
        await connection.DisposeAsync();
        await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var failure = first.Exception?.InnerException;
        if (failure is RedisProtocolException protocol)
        {
            RedisLog.ProtocolError(_logger, Role, _endpoint, protocol);
            _metrics.Error("protocol");
            return RedisErrors.ProtocolViolation(_endpoint, protocol);
        }

        return failure ?? RedisErrors.ServerClosed(_endpoint);
    }
}
