using System.Globalization;
using System.Text;

namespace ChatServer.Chat.Redis;

/// <summary>
/// The record <c>post-message.lua</c> publishes on the room's channel for each stored message: byte 2, then id, room,
/// user, text and client message id, then, for a reply or a message with mentions, reply id, reply author, reply
/// excerpt and mentions (space-separated), each as <c>&lt;decimal length&gt;:&lt;UTF-8 bytes&gt;</c> (empty: none). <see cref="RoomSignalRecord"/> shares the channel and the field encoding.
/// </summary>
internal static class RoomMessageRecord
{
    public const byte Marker = 2;

    public static ChatMessage Parse(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty || record[0] != Marker)
        {
            throw new InvalidDataException("Not a room message record.");
        }

        var rest = record[1..];
        var id = ReadField(ref rest);
        var room = ReadField(ref rest);
        var user = ReadField(ref rest);
        var text = ReadField(ref rest);
        var clientMessageId = ReadField(ref rest);
        ReplyReference? replyTo = null;
        string[]? mentions = null;
        if (!rest.IsEmpty)
        {
            var (replyId, replyUser, excerpt, mentioned) = (ReadField(ref rest), ReadField(ref rest), ReadField(ref rest), ReadField(ref rest));
            replyTo = replyId.Length == 0 ? null : new ReplyReference(replyId, replyUser, excerpt.Length == 0 ? null : excerpt);
            mentions = mentioned.Length == 0 ? null : mentioned.Split(' ');
        }

        if (!rest.IsEmpty || !MessageId.TryParse(id, out var parsed))
        {
            throw new InvalidDataException($"Malformed room message record (id '{id}').");
        }

        return new ChatMessage(id, room, user, text, parsed.Timestamp, clientMessageId.Length == 0 ? null : clientMessageId, ReplyTo: replyTo, Mentions: mentions);
    }

    internal static string ReadField(ref ReadOnlySpan<byte> rest)
    {
        var colon = rest.IndexOf((byte)':');
        if (colon <= 0 || !int.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > rest.Length - colon - 1)
        {
            throw new InvalidDataException("Truncated room message record.");
        }

        var value = Encoding.UTF8.GetString(rest.Slice(colon + 1, length));
        rest = rest[(colon + 1 + length)..];
        return value;
    }
}
