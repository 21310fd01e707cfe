using ChatServer.Chat;

namespace ChatServer.Hosting;

/// <summary>Tells rooms when a typing indicator expired without <c>StopTyping</c>, within half a second of its expiry.</summary>
public sealed class TypingExpiryService(ChatRoomService rooms, ILogger<TypingExpiryService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await rooms.ExpireTypingAsync(stoppingToken);
            }
            catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
            {
                // Redis is away: the connection monitor logs the outage once; the sweep resumes with it.
                HostingLog.TypingSweepUnavailable(logger, exception.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Keep the loop alive: a failed sweep (e.g. Redis briefly away) is retried on the next tick.
                HostingLog.TypingSweepFailed(logger, exception);
            }
        }
    }
}
