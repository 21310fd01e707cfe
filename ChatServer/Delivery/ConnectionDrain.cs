using Microsoft.Extensions.Options;

namespace ChatServer.Delivery;

/// <summary>
/// The drain before a shutdown: the instance stops taking hub connections (and reports not ready), then tells each
/// connection it holds to reconnect elsewhere, spread evenly over <see cref="ShutdownOptions.DrainSeconds"/> so the
/// other instances are not hit all at once. A connection is closed only once the calls it has running are answered,
/// so a send that was stored is acknowledged; the official clients then reconnect (through the load balancer, to
/// another instance) and resume each room from the last message they received.
/// </summary>
public sealed class ConnectionDrain(RoomDelivery rooms, InFlightInvocations inFlight, IOptions<ShutdownOptions> options, TimeProvider timeProvider, ILogger<ConnectionDrain> logger)
{
    // How long a connection's running calls may hold up its close (a call waits on Redis at most its own timeout).
    private static readonly TimeSpan CallGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>Drains once; a second call returns at once. Completes when every connection is closed or the window and its grace are over.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _draining, 1) == 1) return;
        var started = timeProvider.GetTimestamp();
        var window = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        var connections = rooms.Connections;
        DeliveryLog.DrainStarted(logger, connections.Count, options.Value.DrainSeconds);

        var closes = new List<Task>(connections.Count);
        for (var i = 0; i < connections.Count; i++)
        {
            var due = window * i / connections.Count;
            var wait = due - timeProvider.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, timeProvider, cancellationToken);
            closes.Add(CloseAsync(connections[i], cancellationToken));
        }

        await Task.WhenAll(closes);

        // The clients close their side on reading the close message; whatever is still open is aborted by the host.
        var deadline = window + CallGrace;
        while (rooms.Connections.Count > 0 && timeProvider.GetElapsedTime(started) < deadline)
        {
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }

        var elapsedMs = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var remaining = rooms.Connections.Count;
        DeliveryLog.DrainEnded(logger, connections.Count, elapsedMs, remaining);
    }

    private async Task CloseAsync(ConnectionOutbox connection, CancellationToken cancellationToken)
    {
        var waitedFrom = timeProvider.GetTimestamp();
        while (!inFlight.IsIdle(connection.ConnectionId) && timeProvider.GetElapsedTime(waitedFrom) < CallGrace)
        {
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }

        await connection.CloseAsync(ConnectionRefusals.RestartingReason);
    }
}
