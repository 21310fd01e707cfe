using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>Turns what <c>room-read.lua</c> returns into messages in their current state.</summary>
internal static class RoomReadResult
{
    public static (List<RoomEntry> Entries, bool HasMore) Parse(string room, RedisResult result)
    {
        var items = (RedisResult[])result!;
        var entries = new List<RoomEntry>(items.Length - 1);
        foreach (var raw in items.Skip(1))
        {
            var item = (RedisResult[])raw!;
            var entryId = ParseId((string)item[0]!);
            var kind = (string)item[1]!;
            var message = ToMessage(room, (string)item[2]!, (RedisResult[])item[3]!, (string?)item[4], item[5].IsNull ? null : (RedisResult[])item[5]!, (string?)item[6]);
            entries.Add(new RoomEntry(entryId, message, kind.Length == 0 ? null : (RoomChangeKind)int.Parse(kind, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return (entries, (long)items[0] == 1);
    }

    public static MessageId ParseId(string id) =>
        MessageId.TryParse(id, out var parsed) ? parsed : throw new InvalidDataException($"Redis returned a stream id '{id}' that is not '<ms>-<seq>'.");

    private static ChatMessage ToMessage(string room, string id, RedisResult[] fields, string? state, RedisResult[]? replyFields, string? replyState)
    {
        var values = Fields(fields);
        ReplyReference? replyTo = null;
        if (values.GetValueOrDefault("reply") is { Length: > 0 } replyId)
        {
            var original = replyFields is null ? null : MessageOverrides.ApplyTo(Original(room, replyId, Fields(replyFields)), replyState);
            replyTo = original is null ? new ReplyReference(replyId, values.GetValueOrDefault("replyuser") ?? string.Empty, null) : ReplyExcerpt.For(original);
        }

        var message = Original(room, id, values) with
        {
            ReplyTo = replyTo,
            Mentions = values.GetValueOrDefault("mentions") is { Length: > 0 } mentions ? mentions.Split(' ') : null,
        };
        return MessageOverrides.ApplyTo(message, state);
    }

    private static ChatMessage Original(string room, string id, Dictionary<string, string> values) =>
        new(id, room, values.GetValueOrDefault("user") ?? string.Empty, values.GetValueOrDefault("text") ?? string.Empty, ParseId(id).Timestamp,
            values.GetValueOrDefault("cmid") is { Length: > 0 } cmid ? cmid : null);

    private static Dictionary<string, string> Fields(RedisResult[] flat)
    {
        var values = new Dictionary<string, string>(flat.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            values[(string)flat[i]!] = (string)flat[i + 1]!;
        }

        return values;
    }
}
