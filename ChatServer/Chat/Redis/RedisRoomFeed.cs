using System.Collections.Concurrent;
using ChatServer.Metrics;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// The Redis room feed: one channel subscription per room with local members (on the instance's multiplexer); each
/// record that <c>post-message.lua</c> publishes is handed on in stream order, and each signal (presence, typing)
/// that an instance publishes in publish order. While the subscriber connection is away, other instances keep
/// storing messages and changing presence unheard; <see cref="OnSubscriberLost"/> starts holding live records, and
/// <see cref="ReplayMissedAsync"/> (run by <see cref="RoomFeedReplayService"/> once the connection is back) reads each
/// room's stream from where it stood, so every message is handed on once, in order, then brings the room's presence
/// up to date with <c>Joined</c>/<c>Left</c> signals for whoever came or went meanwhile.
/// </summary>
internal sealed class RedisRoomFeed(
    ChatRedisConnection redis,
    RedisKeys keys,
    IMessageStore history,
    IPresenceTracker presence,
    ChatMetrics metrics,
    ILogger<RedisRoomFeed> logger) : IRoomFeed
{
    // Live records held per room while its replay reads the stream; past this the replay reads once more instead.
    private const int HeldCapacity = 1000;
    private const int ReplayBatch = 500;

    private readonly ConcurrentDictionary<string, RoomSubscription> _rooms = new(StringComparer.Ordinal);

    public async Task SubscribeAsync(string room, IRoomFeedHandler handler, CancellationToken cancellationToken)
    {
        var subscription = new RoomSubscription(handler, new RoomDeliveryCursor<RoomEntry>(HeldCapacity));
        _rooms[room] = subscription;
        try
        {
            subscription.Queue = await redis.RunAsync(
                db => db.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.RoomChannel(room))), "subscribe to the room", cancellationToken);
        }
        catch
        {
            _rooms.TryRemove(new KeyValuePair<string, RoomSubscription>(room, subscription));
            throw;
        }

        // The queue hands records on one at a time, in the order Redis published them.
        subscription.Queue.OnMessage(message => OnRecord(room, subscription, message.Message));
        try
        {
            // Read after the subscription took effect: anything newer arrives live.
            // The newest entry, message or change: both are handed on by the cursor.
            subscription.Cursor.SetFloor(await history.GetLastEntryIdAsync(room, cancellationToken));
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
        {
            // The join goes on; this room is replayed only from what is handed on from now on.
            RoomFeedLog.ReplayFloorUnknown(logger, room, exception.Message);
        }

        // Who is online as of now (a Joined published after the subscription arrives live), to compare with after a gap.
        subscription.SetOnline(await ReadOnlineAsync(room, cancellationToken));
    }

    public Task PublishAsync(RoomSignal signal, CancellationToken cancellationToken) =>
        redis.RunAsync(
            db => db.PublishAsync(RedisChannel.Literal(keys.RoomChannel(signal.Room)), RoomSignalRecord.Write(signal)),
            "tell the room",
            cancellationToken);

    public async Task UnsubscribeAsync(string room, CancellationToken cancellationToken)
    {
        if (!_rooms.TryRemove(room, out var subscription) || subscription.Queue is not { } queue) return;
        try
        {
            await redis.RunAsync(_ => queue.UnsubscribeAsync(), "unsubscribe from the room", cancellationToken);
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
        {
            // Nothing for the caller to do (its members are gone): a subscription left behind only hands its records
            // to a room object that has no members any more.
            RoomFeedLog.UnsubscribeFailed(logger, room, exception.Message);
        }
    }

    /// <summary>The subscriber connection is gone: hold each room's live records until its replay has caught up.</summary>
    public void OnSubscriberLost()
    {
        foreach (var subscription in _rooms.Values) subscription.Cursor.MarkGap();
    }

    /// <summary>
    /// Hands on, room by room, what was stored while the subscriber connection was away, then what was held meanwhile.
    /// Returns the rooms whose replay failed (Redis away again); they keep holding and must be replayed again.
    /// </summary>
    public async Task<int> ReplayMissedAsync(CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var (room, subscription) in _rooms)
        {
            try
            {
                var replayed = await ReplayRoomAsync(room, subscription, cancellationToken);
                if (replayed > 0) RoomFeedLog.Replayed(logger, room, replayed);
                metrics.MessagesReplayed(replayed);
                foreach (var signal in subscription.UpdateOnline(room, await ReadOnlineAsync(room, cancellationToken)))
                {
                    subscription.Handler.OnSignal(signal);
                }
            }
            catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
            {
                RoomFeedLog.ReplayFailed(logger, room, exception.Message);
                failed++;
            }
        }

        return failed;
    }

    private void OnRecord(string room, RoomSubscription subscription, RedisValue record)
    {
        var bytes = ((ReadOnlyMemory<byte>)record).Span;
        try
        {
            if (!bytes.IsEmpty && bytes[0] == RoomSignalRecord.Marker)
            {
                var signal = RoomSignalRecord.Parse(bytes);
                subscription.Track(signal);
                subscription.Handler.OnSignal(signal);
                return;
            }

            var entry = !bytes.IsEmpty && bytes[0] == RoomChangeRecord.Marker ? RoomChangeRecord.Parse(bytes) : MessageEntry(RoomMessageRecord.Parse(bytes));
            if (subscription.Cursor.TryAcceptLive(entry.Id, entry))
            {
                subscription.Deliver(entry);
            }
        }
        catch (InvalidDataException exception)
        {
            // One bad record must not stop the room: log it and carry on with the next.
            RoomFeedLog.InvalidRecord(logger, room, exception);
        }
    }

    private static RoomEntry MessageEntry(ChatMessage message) => new(MessageId.Parse(message.Id), message);

    /// <summary>The room's online users, or null when Redis cannot say (the room's presence is then not compared).</summary>
    private async Task<HashSet<string>?> ReadOnlineAsync(string room, CancellationToken cancellationToken)
    {
        try
        {
            return [.. await presence.GetOnlineUsersAsync(room, cancellationToken)];
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
        {
            RoomFeedLog.PresenceUnknown(logger, room, exception.Message);
            return null;
        }
    }

    private async Task<int> ReplayRoomAsync(string room, RoomSubscription subscription, CancellationToken cancellationToken)
    {
        var cursor = subscription.Cursor;
        if (!cursor.TryBeginReplay(out var after)) return 0;

        var replayed = 0;
        var done = false;
        try
        {
            while (!done)
            {
                RoomEntries page;
                do
                {
                    page = await history.GetAfterAsync(room, after, ReplayBatch, cancellationToken);
                    foreach (var entry in page.Entries)
                    {
                        after = entry.Id;
                        if (cursor.TryAcceptReplayed(after))
                        {
                            subscription.Deliver(entry);
                            replayed++;
                        }
                    }
                }
                while (page.HasMore);

                // Then what arrived live meanwhile, until nothing is held: that ends the replay.
                while (true)
                {
                    var held = cursor.TakeHeld(out var rereadAfter);
                    if (rereadAfter is { } bound)
                    {
                        after = bound;
                        break;
                    }

                    if (held.Count == 0)
                    {
                        done = true;
                        break;
                    }

                    foreach (var entry in held) subscription.Deliver(entry);
                }
            }
        }
        finally
        {
            if (!done) cursor.AbandonReplay();
        }

        return replayed;
    }

    private sealed class RoomSubscription(IRoomFeedHandler handler, RoomDeliveryCursor<RoomEntry> cursor)
    {
        private readonly Lock _sync = new();
        private HashSet<string>? _online;

        public IRoomFeedHandler Handler { get; } = handler;

        public RoomDeliveryCursor<RoomEntry> Cursor { get; } = cursor;

        public ChannelMessageQueue? Queue { get; set; }

        public void Deliver(RoomEntry entry)
        {
            if (entry.IsChange) Handler.OnChange(entry);
            else Handler.OnMessage(entry.Message);
        }

        public void SetOnline(HashSet<string>? online)
        {
            lock (_sync) _online = online;
        }

        /// <summary>Follows presence as the live signals tell it.</summary>
        public void Track(RoomSignal signal)
        {
            lock (_sync)
            {
                if (signal.Kind == RoomSignalKind.Joined) _online?.Add(signal.UserName);
                else if (signal.Kind == RoomSignalKind.Left) _online?.Remove(signal.UserName);
            }
        }

        /// <summary>The signals that bring members from what they were told to <paramref name="online"/>; remembers it.</summary>
        public List<RoomSignal> UpdateOnline(string room, HashSet<string>? online)
        {
            lock (_sync)
            {
                var before = _online;
                _online = online ?? before;
                if (before is null || online is null) return [];
                return
                [
                    .. before.Except(online).Order(StringComparer.Ordinal).Select(user => new RoomSignal(room, RoomSignalKind.Left, user)),
                    .. online.Except(before).Order(StringComparer.Ordinal).Select(user => new RoomSignal(room, RoomSignalKind.Joined, user)),
                ];
            }
        }
    }
}
