using ChatServer.Chat;

namespace ChatServer.Hosting;

/// <summary>
/// One piece of work every <see cref="Interval"/>, as a hosted service (never a constructor side effect). A failed
/// tick is logged and the loop goes on: Redis being away is expected (the connection monitor logs the outage once),
/// so it goes to <see cref="OnUnavailable"/>, meant for Debug; anything else to <see cref="OnFailed"/>.
/// </summary>
public abstract class PeriodicBackgroundService : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>True: the first tick runs at start, not one interval later.</summary>
    protected virtual bool TickAtStart => false;

    protected abstract Task TickAsync(CancellationToken stoppingToken);

    protected abstract void OnUnavailable(string reason);

    protected abstract void OnFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        if (TickAtStart)
        {
            await TickSafelyAsync(stoppingToken);
        }

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TickSafelyAsync(stoppingToken);
        }
    }

    private async Task TickSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await TickAsync(stoppingToken);
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
        {
            OnUnavailable(exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The loop boundary: keep it alive, the next tick tries again.
            OnFailed(exception);
        }
    }
}
