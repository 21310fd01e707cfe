using ChatServer.Hosting;
using Microsoft.Extensions.Options;

namespace ChatServer.Delivery;

/// <summary>Sends the final state of folded presence and typing changes (<see cref="RoomSignalCoalescer"/>) as their windows end.</summary>
public sealed class RoomSignalFlushService(RoomSignalCoalescer coalescer, IOptions<BroadcastOptions> options, ILogger<RoomSignalFlushService> logger) : PeriodicBackgroundService
{
    // A tenth of the window (at least 20 ms): the final state arrives at most that much after the window ends.
    protected override TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(Math.Max(20, options.Value.CoalesceMilliseconds / 10));

    protected override Task TickAsync(CancellationToken stoppingToken) => coalescer.FlushAsync(stoppingToken);

    protected override void OnUnavailable(string reason) => HostingLog.SignalFlushUnavailable(logger, reason);

    protected override void OnFailed(Exception exception) => HostingLog.SignalFlushFailed(logger, exception);
}
