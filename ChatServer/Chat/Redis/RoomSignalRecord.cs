using System.Globalization;
using System.Text;

namespace ChatServer.Chat.Redis;

/// <summary>
/// A <see cref="RoomSignal"/> on the room's channel, beside the message records: byte 3, then the kind as one decimal
/// digit (<see cref="RoomSignalKind"/>), then room and user as <c>&lt;decimal length&gt;:&lt;UTF-8 bytes&gt;</c>,
/// the encoding of <see cref="RoomMessageRecord"/>.
/// </summary>
internal static class RoomSignalRecord
{
    public const byte Marker = 3;

    public static byte[] Write(RoomSignal signal) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"\u0003{(int)signal.Kind}{Encoding.UTF8.GetByteCount(signal.Room)}:{signal.Room}{Encoding.UTF8.GetByteCount(signal.UserName)}:{signal.UserName}"));

    public static RoomSignal Parse(ReadOnlySpan<byte> record)
    {
        if (record.Length < 2 || record[0] != Marker || !Enum.IsDefined((RoomSignalKind)(record[1] - '0')))
        {
            throw new InvalidDataException("Not a room signal record.");
        }

        var rest = record[2..];
        var room = RoomMessageRecord.ReadField(ref rest);
        var user = RoomMessageRecord.ReadField(ref rest);
        return rest.IsEmpty ? new RoomSignal(room, (RoomSignalKind)(record[1] - '0'), user) : throw new InvalidDataException("Malformed room signal record.");
    }
}
