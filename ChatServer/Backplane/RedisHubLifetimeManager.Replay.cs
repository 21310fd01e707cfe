using System.Threading.Channels;
using ChatServer.Redis;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Backplane;

// After a Redis connection is restored: replay to local group members what was published while the subscriber
// socket was away (only for groups whose records the relay can read back; see IGroupMessageRelay).
public sealed partial class RedisHubLifetimeManager<THub>
{
    // One pending request is enough: a replay reads everything missed up to the moment it runs.
    private readonly Channel<bool> _replayRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private static readonly TimeSpan ReplayRetryDelay = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _replayLoop = Task.CompletedTask;

    private void StartReplayLoop()
    {
        if (_relay is not null && _replayLoop.IsCompleted)
        {
            _replayLoop = Task.Run(() => ReplayLoopAsync(_stopping.Token), CancellationToken.None);
        }
    }

    private void RequestReplay() => _replayRequests.Writer.TryWrite(true);

    private async Task ReplayLoopAsync(CancellationToken stopping)
    {
        await foreach (var _ in _replayRequests.Reader.ReadAllAsync(stopping))
        {
            if (!_redis.IsConnected)
            {
                // The other socket is still away; its own restore asks again once both are back.
                continue;
            }

            var failed = false;
            foreach (var group in _groups.Names)
            {
                failed |= !await ReplayGroupAsync(group, stopping);
            }

            if (failed)
            {
                // The failed groups hold their live records until a replay succeeds: try again shortly, even if no
                // connection event comes (a read that timed out while both sockets stayed up).
                await Task.Delay(ReplayRetryDelay, stopping);
                RequestReplay();
            }
        }
    }

    /// <returns>False when the replay failed and must be tried again.</returns>
    private async Task<bool> ReplayGroupAsync(string group, CancellationToken stopping)
    {
        var replayed = 0;
        try
        {
            await foreach (var message in _relay!.ReplayMissedAsync(group, stopping))
            {
                replayed++;
                if (_groups.Find(group) is { } members)
                {
                    await WriteAllAsync(members, new SerializedHubMessage(message), excluded: null, stopping);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Loop boundary: one group's failure (Redis gone again) must not stop the others; the loop retries it.
            BackplaneLog.ReplayFailed(_logger, _instanceId, group, exception);
            return false;
        }

        if (replayed > 0)
        {
            BackplaneLog.Replayed(_logger, _instanceId, group, replayed);
        }

        return true;
    }

    private async Task StopReplayLoopAsync()
    {
        await _stopping.CancelAsync();
        await _replayLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }
}
