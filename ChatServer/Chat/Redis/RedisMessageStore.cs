using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Message history in one Redis Stream per room; message ids are the stream ids. Posting runs one script that
/// checks idempotency, appends (<c>XADD MAXLEN ~</c>), publishes the message on the room's channel and ends the
/// author's typing, so every instance's <see cref="RedisRoomFeed"/> receives a room's messages in stream order. Every
/// key a room's scripts touch carries the room's hash tag (<see cref="RedisKeys"/>): one slot per script.
/// A change (edit, delete, reaction) is a stream entry too, written with the message's new state and published by one
/// script, so it takes its place in the same order; reads apply the states in the same round trip (<c>room-read.lua</c>).
/// </summary>
internal sealed class RedisMessageStore(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<HistoryOptions> options, TimeProvider timeProvider) : IMessageStore
{
    // A change whose compare-and-set keeps losing to concurrent changes of the same message gives up after this many reads.
    private const int MaxChangeAttempts = 8;

    // Stream entries one unread count may read (messages and changes), whatever the cap.
    private const int UnreadScanBudget = 1000;

    private readonly HistoryOptions _options = options.Value;

    public async Task<PostedMessage> PostAsync(NewMessage message, CancellationToken cancellationToken)
    {
        var room = message.Room;
        var reply = (RedisResult[])(await redis.RunAsync(
            async db =>
            {
                // The set of rooms with history is a global key (another hash slot than the room's), so it is not in
                // the script: added beside it, pipelined in the same round trip and first, so a room with messages is
                // always listed. Adding it again is harmless; when the script then fails, the room is listed empty.
                var listed = db.SetAddAsync(keys.RoomsWithHistory, room);
                var posted = db.ScriptEvaluateAsync(scripts.PostMessage, PostKeys(message), PostValues(message));
                await Task.WhenAll(listed, posted);
                return await posted;
            },
            "store the message",
            cancellationToken))!;

        if (reply.Length == 2)
        {
            throw ChatException.RateLimited(TimeSpan.FromMilliseconds((long)reply[1]));
        }

        var id = (string)reply[0]!;
        var parsed = RoomReadResult.ParseId(id);
        if ((long)reply[1] == 1)
        {
            // A retry: the first message as it is now while the history holds it, else what the retry sent.
            var first = await FindAsync(room, parsed, cancellationToken)
                ?? new ChatMessage(id, room, (string)reply[2]!, (string)reply[3]!, parsed.Timestamp, NullIfEmpty((string?)reply[4]));
            return new PostedMessage(first, IsDuplicate: true);
        }

        var stored = new ChatMessage(id, room, (string)reply[2]!, (string)reply[3]!, parsed.Timestamp, NullIfEmpty((string?)reply[4]), ReplyTo: message.ReplyTo, Mentions: message.Mentions);
        return new PostedMessage(stored, IsDuplicate: false, EndedTyping: (long)reply[5] == 1);
    }

    // post-message.lua's keys and arguments: the room's, then each budget's bucket and policy.
    private RedisKey[] PostKeys(NewMessage message)
    {
        var budgets = message.Budgets ?? [];
        var postKeys = new RedisKey[4 + budgets.Count];
        postKeys[0] = keys.RoomStream(message.Room);
        postKeys[1] = message.ClientMessageId is { } cmid ? keys.SentMessage(message.User, cmid) : keys.RoomStream(message.Room);
        postKeys[2] = keys.Typing(message.Room, message.User);
        postKeys[3] = keys.RoomTypists(message.Room);
        for (var i = 0; i < budgets.Count; i++) postKeys[4 + i] = keys.RateLimitBucket(budgets[i].Bucket);
        return postKeys;
    }

    private RedisValue[] PostValues(NewMessage message)
    {
        var budgets = message.Budgets ?? [];
        var values = new RedisValue[11 + (2 * budgets.Count)];
        values[0] = _options.MaxLength;
        values[1] = message.Room;
        values[2] = message.User;
        values[3] = message.Text;
        values[4] = message.ClientMessageId ?? string.Empty;
        values[5] = _options.IdempotencyWindowSeconds;
        values[6] = keys.RoomChannel(message.Room);
        values[7] = message.ReplyTo?.Id ?? string.Empty;
        values[8] = message.ReplyTo?.User ?? string.Empty;
        values[9] = message.ReplyTo?.Excerpt ?? string.Empty;
        values[10] = message.Mentions is { Count: > 0 } mentions ? string.Join(' ', mentions) : string.Empty;
        for (var i = 0; i < budgets.Count; i++)
        {
            values[11 + (2 * i)] = budgets[i].Policy.PerSecond;
            values[12 + (2 * i)] = budgets[i].Policy.Burst;
        }

        return values;
    }

    public async Task<ChangedMessage> ChangeAsync(MessageChange change, CancellationToken cancellationToken)
    {
        var room = change.Room;
        var target = change.Target.ToString();
        for (var attempt = 0; attempt < MaxChangeAttempts; attempt++)
        {
            var state = (string?)await redis.RunAsync(db => db.HashGetAsync(keys.RoomMessageStates(room), target), "read the message", cancellationToken);
            var current = await FindAsync(room, change.Target, cancellationToken) ?? throw ChatException.NotFound($"No message '{target}' in this room");
            var next = MessageChangeRules.Apply(current, change, timeProvider.GetUtcNow().UtcDateTime);
            if (next is null)
            {
                return new ChangedMessage(current, Changed: false);
            }

            var written = await redis.RunAsync(
                db => db.ScriptEvaluateAsync(
                    scripts.MessageChange,
                    [keys.RoomStream(room), keys.RoomMessageStates(room), keys.RoomChangedMessages(room)],
                    [target, state ?? string.Empty, MessageOverrides.Serialize(next), (int)change.Kind, change.User, _options.MaxLength, keys.RoomChannel(room), MessageOverrides.SerializeMessage(next)]),
                "change the message",
                cancellationToken);
            if (!written.IsNull)
            {
                return new ChangedMessage(next, Changed: true);
            }
        }

        throw ChatException.Unavailable("The message is being changed by many people at once; try again shortly");
    }

    public async Task<ChatMessage?> FindAsync(string room, MessageId id, CancellationToken cancellationToken)
    {
        var (entries, _) = await ReadAsync(room, "one", id.ToString(), 1, cancellationToken);
        return entries is [var entry] ? entry.Message : null;
    }

    public async Task<HistoryPage> GetBeforeAsync(string room, MessageId? before, int limit, CancellationToken cancellationToken)
    {
        // Inclusive bounds one id away, not "(" exclusive ones: Redis rejects "(0-0" as the end and the largest id as
        // a start, and nothing lies beyond either.
        if (before is { } id && id.Previous() is null)
        {
            return HistoryPage.Empty;
        }

        var (entries, hasMore) = await ReadAsync(room, "before", before?.Previous()?.ToString() ?? "+", limit, cancellationToken);
        return new HistoryPage([.. entries.Select(e => e.Message)], hasMore);
    }

    public async Task<RoomEntries> GetAfterAsync(string room, MessageId after, int limit, CancellationToken cancellationToken)
    {
        if (after.Next() is not { } first)
        {
            return RoomEntries.Empty;
        }

        var (entries, hasMore) = await ReadAsync(room, "after", first.ToString(), limit, cancellationToken);
        return new RoomEntries(entries, hasMore);
    }

    public async Task<MessageId?> GetLastEntryIdAsync(string room, CancellationToken cancellationToken)
    {
        var entries = await redis.RunAsync(
            db => db.StreamRangeAsync(keys.RoomStream(room), minId: "-", maxId: "+", count: 1, messageOrder: Order.Descending), "read history", cancellationToken);
        return entries is [var last] ? RoomReadResult.ParseId(last.Id.ToString()) : null;
    }

    public async Task<int> CountUnreadAsync(string room, string userName, MessageId? after, int cap, CancellationToken cancellationToken)
    {
        string start;
        if (after is { } id)
        {
            if (id.Next() is not { } first) return 0;
            start = first.ToString();
        }
        else
        {
            start = "-";
        }

        var count = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.UnreadCount, [keys.RoomStream(room), keys.RoomMessageStates(room)], [start, userName.ToLowerInvariant(), cap, UnreadScanBudget]),
            "count unread messages",
            cancellationToken);
        return (int)(long)count;
    }

    public Task<long> CountAsync(string room, CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.StreamLengthAsync(keys.RoomStream(room)), "count messages", cancellationToken);

    public async Task<IReadOnlyList<string>> GetRoomsAsync(CancellationToken cancellationToken)
    {
        var rooms = await redis.RunAsync(db => db.SetMembersAsync(keys.RoomsWithHistory), "list rooms", cancellationToken);
        return [.. rooms.Select(room => room.ToString())];
    }

    private async Task<(List<RoomEntry> Entries, bool HasMore)> ReadAsync(string room, string mode, string bound, int limit, CancellationToken cancellationToken)
    {
        var result = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.RoomRead, [keys.RoomStream(room), keys.RoomMessageStates(room)], [mode, bound, limit]), "read history", cancellationToken);
        return RoomReadResult.Parse(room, result);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
