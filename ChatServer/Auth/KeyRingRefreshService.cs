using ChatServer.Hosting;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// Refreshes this instance's key ring at start and every <c>Chat:Auth:KeyRingRefreshSeconds</c>: it learns keys
/// other instances made, rotates when the current key is due, retires keys past their grace period, and writes back
/// keys the store lost while this instance kept running.
/// </summary>
public sealed class KeyRingRefreshService(SigningKeyRingProvider keys, IOptions<AuthOptions> options, ILogger<KeyRingRefreshService> logger)
    : PeriodicBackgroundService
{
    protected override TimeSpan Interval => options.Value.KeyRingRefresh;

    protected override bool TickAtStart => true;

    protected override Task TickAsync(CancellationToken stoppingToken) => keys.RefreshAsync(stoppingToken);

    // Redis is away: the connection monitor logs the outage once; the ring in memory still validates and signs.
    protected override void OnUnavailable(string reason) => AuthLog.KeyRingRefreshUnavailable(logger, reason);

    protected override void OnFailed(Exception exception) => AuthLog.KeyRingRefreshFailed(logger, exception);
}
