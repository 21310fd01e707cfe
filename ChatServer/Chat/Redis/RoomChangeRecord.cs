namespace ChatServer.Chat.Redis;

/// <summary>
/// The record <c>message-change.lua</c> publishes on the room's channel for each change: byte 4, the change's stream id
/// as <c>&lt;decimal length&gt;:&lt;UTF-8 bytes&gt;</c> (the encoding of <see cref="RoomMessageRecord"/>), the
/// <see cref="RoomChangeKind"/> as one decimal digit, then the message's new state as JSON (camelCase).
/// </summary>
internal static class RoomChangeRecord
{
    public const byte Marker = 4;

    public static RoomEntry Parse(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty || record[0] != Marker)
        {
            throw new InvalidDataException("Not a room change record.");
        }

        var rest = record[1..];
        var id = RoomMessageRecord.ReadField(ref rest);
        if (rest.IsEmpty || !MessageId.TryParse(id, out var parsed) || !Enum.IsDefined((RoomChangeKind)(rest[0] - '0')))
        {
            throw new InvalidDataException($"Malformed room change record (id '{id}').");
        }

        try
        {
            return new RoomEntry(parsed, MessageOverrides.DeserializeMessage(rest[1..]), (RoomChangeKind)(rest[0] - '0'));
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new InvalidDataException($"Malformed room change record (id '{id}').", exception);
        }
    }
}
