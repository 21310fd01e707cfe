using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Message history in one Redis Stream per room; message ids are the stream ids. Posting runs one script that
/// checks idempotency, appends (<c>XADD MAXLEN ~</c>), publishes the message on the room's channel and ends the
/// author's typing, so every instance's <see cref="RedisRoomFeed"/> receives a room's messages in stream order.
/// </summary>
internal sealed class RedisMessageStore(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<HistoryOptions> options) : IMessageStore
{
    private readonly HistoryOptions _options = options.Value;

    public async Task<PostedMessage> PostAsync(NewMessage message, CancellationToken cancellationToken)
    {
        var room = message.Room;
        var reply = (RedisResult[])(await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.PostMessage,
                [
                    keys.RoomStream(room),
                    message.ClientMessageId is { } cmid ? keys.SentMessage(message.User, cmid) : keys.RoomStream(room),
                    keys.RoomsWithHistory,
                    keys.Typing(room, message.User),
                    keys.RoomTypists(room),
                    keys.TypingExpiries,
                ],
                [_options.MaxLength, room, message.User, message.Text, message.ClientMessageId ?? string.Empty, _options.IdempotencyWindowSeconds, keys.RoomChannel(room)]),
            "store the message",
            cancellationToken))!;

        var id = (string)reply[0]!;
        var stored = new ChatMessage(id, room, (string)reply[2]!, (string)reply[3]!, ParseId(id).Timestamp, NullIfEmpty((string?)reply[4]));
        return new PostedMessage(stored, IsDuplicate: (long)reply[1] == 1, EndedTyping: (long)reply[5] == 1);
    }

    public async Task<HistoryPage> GetBeforeAsync(string room, MessageId? before, int limit, CancellationToken cancellationToken)
    {
        // Inclusive bounds one id away, not "(" exclusive ones: Redis rejects "(0-0" as the end and the largest id as
        // a start, and nothing lies beyond either.
        if (before is { } id && id.Previous() is null)
        {
            return HistoryPage.Empty;
        }

        RedisValue end = before?.Previous()?.ToString() ?? "+";
        var entries = await redis.RunAsync(
            db => db.StreamRangeAsync(keys.RoomStream(room), minId: "-", maxId: end, count: limit + 1, messageOrder: Order.Descending), "read history", cancellationToken);
        var page = entries.Take(limit).Reverse().Select(entry => ToMessage(room, entry)).ToList();
        return new HistoryPage(page, entries.Length > limit);
    }

    public async Task<HistoryPage> GetAfterAsync(string room, MessageId after, int limit, CancellationToken cancellationToken)
    {
        if (after.Next() is not { } first)
        {
            return HistoryPage.Empty;
        }

        var entries = await redis.RunAsync(
            db => db.StreamRangeAsync(keys.RoomStream(room), minId: first.ToString(), maxId: "+", count: limit + 1, messageOrder: Order.Ascending), "read history", cancellationToken);
        return new HistoryPage([.. entries.Take(limit).Select(entry => ToMessage(room, entry))], entries.Length > limit);
    }

    public Task<long> CountAsync(string room, CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.StreamLengthAsync(keys.RoomStream(room)), "count messages", cancellationToken);

    public async Task<IReadOnlyList<string>> GetRoomsAsync(CancellationToken cancellationToken)
    {
        var rooms = await redis.RunAsync(db => db.SetMembersAsync(keys.RoomsWithHistory), "list rooms", cancellationToken);
        return [.. rooms.Select(room => room.ToString())];
    }

    private static ChatMessage ToMessage(string room, StreamEntry entry)
    {
        var id = entry.Id.ToString();
        return new ChatMessage(id, room, entry["user"].ToString(), entry["text"].ToString(), ParseId(id).Timestamp, NullIfEmpty(entry["cmid"]));
    }

    private static MessageId ParseId(string id) =>
        MessageId.TryParse(id, out var parsed) ? parsed : throw new InvalidDataException($"Redis returned a stream id '{id}' that is not '<ms>-<seq>'.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
