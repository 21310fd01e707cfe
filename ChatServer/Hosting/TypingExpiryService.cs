using ChatServer.Chat;

namespace ChatServer.Hosting;

/// <summary>Tells rooms when a typing indicator expired without <c>StopTyping</c>, within half a second of its expiry.</summary>
public sealed class TypingExpiryService(ChatRoomService rooms, ILogger<TypingExpiryService> logger) : PeriodicBackgroundService
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(500);

    protected override Task TickAsync(CancellationToken stoppingToken) => rooms.ExpireTypingAsync(stoppingToken);

    // Redis is away: the connection monitor logs the outage once; the sweep resumes with it.
    protected override void OnUnavailable(string reason) => HostingLog.TypingSweepUnavailable(logger, reason);

    // A failed sweep (e.g. Redis briefly away) is retried on the next tick.
    protected override void OnFailed(Exception exception) => HostingLog.TypingSweepFailed(logger, exception);
}
