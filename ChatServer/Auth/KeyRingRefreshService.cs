using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// Refreshes this instance's key ring at start and every <c>Chat:Auth:KeyRingRefreshSeconds</c>: it learns keys
/// other instances made, rotates when the current key is due, retires keys past their grace period, and writes back
/// keys the store lost while this instance kept running.
/// </summary>
public sealed class KeyRingRefreshService(SigningKeyRingProvider keys, IOptions<AuthOptions> options, TimeProvider time, ILogger<KeyRingRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRingRefresh, time);
        do
        {
            try
            {
                await keys.RefreshAsync(stoppingToken);
            }
            catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
            {
                // Redis is away: the connection monitor logs the outage once; the ring is refreshed when it is back.
                AuthLog.KeyRingRefreshUnavailable(logger, exception.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Keep the loop alive: the ring in memory still validates and signs; the next tick tries again.
                AuthLog.KeyRingRefreshFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
