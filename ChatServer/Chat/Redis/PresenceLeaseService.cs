using ChatServer.Chat.Options;
using ChatServer.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Keeps presence crash-safe. This instance renews a lease in Redis several times per timeout; on every tick it
/// also claims any instance whose lease ran out, removes that instance's connections from presence and tells the
/// rooms who left. A crashed instance's users therefore leave within the configured timeout. At start-up it first
/// clears what a previous process with the same instance id left behind.
/// </summary>
internal sealed class PresenceLeaseService(
    RedisPresenceTracker presence,
    ChatRoomService rooms,
    IOptions<PresenceOptions> options,
    ServerInfo server,
    TimeProvider timeProvider,
    ChatMetrics metrics,
    ILogger<PresenceLeaseService> logger) : BackgroundService
{
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.InstanceTimeoutSeconds);

    // A lease of 3/4 of the timeout checked every 1/4: a dead instance is swept at most one timeout after its last renewal.
    private TimeSpan Lease => _timeout * 0.75;

    private TimeSpan Tick => _timeout * 0.25;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before this instance takes connections: whatever is recorded under its id belongs to a previous process.
        await presence.RenewLeaseAsync(Lease, cancellationToken);
        var leftBehind = await presence.RemoveInstanceConnectionsAsync(server.InstanceId, cancellationToken);
        metrics.ConnectionsSwept(leftBehind.Count);
        await AnnounceAsync(server.InstanceId, leftBehind, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // The server has stopped, so every connection is closed: what is still recorded under this instance (a
            // disconnect Redis could not record) goes now and its rooms hear who left, rather than waiting for a
            // survivor to sweep it once the lease runs out.
            var leftOver = await presence.RemoveInstanceConnectionsAsync(server.InstanceId, cancellationToken);
            await AnnounceAsync(server.InstanceId, leftOver, cancellationToken);
            await presence.ReleaseLeaseAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException || exception is ChatException { Kind: ChatErrorKind.Unavailable })
        {
            // Then the lease runs out on its own and a survivor sweeps what is left.
            ChatRedisLog.LeaseNotReleased(logger, server.InstanceId, exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await presence.RenewLeaseAsync(Lease, stoppingToken))
                {
                    // Redis forgot this instance (restarted empty, or swept it during a pause): record its connections again.
                    ChatRedisLog.LeaseLapsed(logger, server.InstanceId, await presence.RestoreLocalConnectionsAsync(stoppingToken));
                }

                await AnnounceAsync(server.InstanceId, await presence.RecordPendingDisconnectsAsync(stoppingToken), stoppingToken);
                while (await presence.ClaimDeadInstanceAsync(stoppingToken) is { } dead)
                {
                    var swept = await presence.RemoveInstanceConnectionsAsync(dead, stoppingToken);
                    ChatRedisLog.InstanceSwept(logger, server.InstanceId, dead, swept.Count);
                    metrics.ConnectionsSwept(swept.Count);
                    await AnnounceAsync(dead, swept, stoppingToken);
                }
            }
            catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
            {
                // Redis is away: try again on the next tick. The connection monitor logs the outage once.
                ChatRedisLog.LeaseTickUnavailable(logger, server.InstanceId, exception.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Loop boundary: whatever failed (a script error, SignalR's backplane timing out on an announcement),
                // the lease must go on being renewed.
                ChatRedisLog.LeaseTickFailed(logger, server.InstanceId, exception);
            }
        }
    }

    private async Task AnnounceAsync(string instanceId, IReadOnlyList<SweptConnection> swept, CancellationToken cancellationToken)
    {
        foreach (var connection in swept)
        {
            ChatRedisLog.ConnectionSwept(logger, instanceId, connection.ConnectionId, connection.User);
            await rooms.AnnounceDeparturesAsync(connection.User, connection.ConnectionId, connection.Departures, cancellationToken);
        }
    }
}
