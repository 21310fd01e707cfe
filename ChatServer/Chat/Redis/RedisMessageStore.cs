using ChatServer.Chat.Options;
using ChatServer.Redis;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Message history in one Redis Stream per room; message ids are the stream ids. Posting runs one script that
/// checks idempotency, appends (<c>XADD MAXLEN ~</c>) and publishes the message on the room's channel, so every
/// instance receives a room's messages in stream order; the backplane delivers them to local members.
/// </summary>
internal sealed class RedisMessageStore(RedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<HistoryOptions> options) : IMessageStore
{
    private readonly HistoryOptions _options = options.Value;

    public async Task<PostedMessage> PostAsync(NewMessage message, CancellationToken cancellationToken)
    {
        var reply = await RedisCalls.RunAsync(
            () => redis.ScriptEvaluateAsync(
                scripts.PostMessage,
                [keys.RoomStream(message.Room), message.ClientMessageId is { } cmid ? keys.SentMessage(message.User, cmid) : keys.RoomStream(message.Room), keys.RoomsWithHistory],
                [_options.MaxLength, message.Room, message.User, message.Text, message.ClientMessageId ?? string.Empty, _options.IdempotencyWindowSeconds, keys.RoomChannel(message.Room)],
                cancellationToken),
            "store the message");

        var fields = reply.Elements;
        var id = fields[0].ToString()!;
        var stored = new ChatMessage(id, message.Room, fields[2].ToString()!, fields[3].ToString()!, ParseId(id).Timestamp, NullIfEmpty(fields[4].ToString()));
        return new PostedMessage(stored, IsDuplicate: fields[1].ToInt64() == 1);
    }

    public async Task<HistoryPage> GetBeforeAsync(string room, MessageId? before, int limit, CancellationToken cancellationToken)
    {
        var end = before is { } id ? RedisStreamEntry.ExclusiveBound(id.ToString()) : "+";
        var entries = await RedisCalls.RunAsync(
            () => redis.StreamReverseRangeAsync(keys.RoomStream(room), end, "-", limit + 1, cancellationToken), "read history");
        var page = entries.Take(limit).Reverse().Select(entry => ToMessage(room, entry)).ToList();
        return new HistoryPage(page, entries.Length > limit);
    }

    public async Task<HistoryPage> GetAfterAsync(string room, MessageId after, int limit, CancellationToken cancellationToken)
    {
        var entries = await RedisCalls.RunAsync(
            () => redis.StreamRangeAsync(keys.RoomStream(room), RedisStreamEntry.ExclusiveBound(after.ToString()), "+", limit + 1, cancellationToken), "read history");
        return new HistoryPage([.. entries.Take(limit).Select(entry => ToMessage(room, entry))], entries.Length > limit);
    }

    public async Task<IReadOnlyList<string>> GetRoomsAsync(CancellationToken cancellationToken)
    {
        var rooms = await RedisCalls.RunAsync(() => redis.SetMembersAsync(keys.RoomsWithHistory, cancellationToken), "list rooms");
        return [.. rooms.Select(room => room.ToString()!)];
    }

    private static ChatMessage ToMessage(string room, RedisStreamEntry entry) =>
        new(entry.Id, room, entry["user"].ToString() ?? string.Empty, entry["text"].ToString() ?? string.Empty, ParseId(entry.Id).Timestamp, NullIfEmpty(entry["cmid"].ToString()));

    private static MessageId ParseId(string id) =>
        MessageId.TryParse(id, out var parsed) ? parsed : throw new InvalidDataException($"Redis returned a stream id '{id}' that is not '<ms>-<seq>'.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
