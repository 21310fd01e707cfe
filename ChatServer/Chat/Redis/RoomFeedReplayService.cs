using System.Threading.Channels;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Watches the multiplexer's subscriber connection for <see cref="RedisRoomFeed"/>: when it fails, the feed
/// starts holding live records; when it is restored (and has re-subscribed), the feed replays what it missed from
/// the rooms' streams. A replay that fails is tried again every second until it succeeds.
/// </summary>
internal sealed class RoomFeedReplayService(
    ChatRedisConnection redis,
    RedisRoomFeed feed,
    ILogger<RoomFeedReplayService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // One pending request is enough: a replay reads everything missed up to the moment it runs.
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var multiplexer = await redis.GetMultiplexerAsync();
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        try
        {
            await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                var subscriber = multiplexer.GetSubscriber();
                try
                {
                    // A reply on the subscriber connection comes after the re-subscriptions written before it, so
                    // nothing published after the stream reads below can slip past both the replay and the channel.
                    await subscriber.PingAsync();
                    if (await feed.ReplayMissedAsync(stoppingToken) == 0) continue;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Loop boundary: the subscriber not answering yet, or anything else, must not end the replays.
                    RoomFeedLog.ReplayRoundFailed(logger, exception);
                }

                await Task.Delay(RetryDelay, stoppingToken);
                _requests.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs args)
    {
        if (args.ConnectionType == ConnectionType.Subscription) feed.OnSubscriberLost();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args)
    {
        if (args.ConnectionType == ConnectionType.Subscription) _requests.Writer.TryWrite(true);
    }
}
