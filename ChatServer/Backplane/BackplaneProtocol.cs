using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Backplane;

/// <summary>
/// The bytes the backplane publishes. Every payload starts with a format version byte (currently 1) so a newer
/// instance can refuse what it does not understand. Integers are little-endian; a "string" is UTF-8 and a "block"
/// is raw bytes, each preceded by its length as a 7-bit variable-length integer ("varint", as in BinaryWriter).
///
/// Invocation — on the all, connection, user and group channels:
///   version:u8  excludedCount:varint  excludedCount × connectionId:string
///               protocolCount:varint  protocolCount × (protocolName:string, serializedMessage:block)
///   The hub message is serialized once per hub protocol in use by the sender (JSON here), never per connection;
///   receivers write the block for each local connection's protocol as is.
///
/// Group command — on the groups channel, asking the instance that owns a connection to change its groups:
///   version:u8  id:i32  senderInstance:string  action:u8 (1 add, 2 remove)  group:string  connectionId:string
///
/// Ack — on the sender's ack channel, once the owning instance applied a group command:
///   version:u8  id:i32
///
/// A record on a group channel whose first byte is not the version was published by someone else (the chat's
/// store-and-publish script) and goes to the registered <see cref="IGroupMessageRelay"/>.
/// </summary>
internal static class BackplaneProtocol
{
    public const byte Version = 1;

    public static byte[] WriteInvocation(IReadOnlyList<SerializedMessage> messages, IReadOnlyList<string>? excludedConnectionIds)
    {
        var writer = new ArrayBufferWriter<byte>(256);
        WriteByte(writer, Version);
        WriteVarInt(writer, excludedConnectionIds?.Count ?? 0);
        foreach (var id in excludedConnectionIds ?? [])
        {
            WriteString(writer, id);
        }

        WriteVarInt(writer, messages.Count);
        foreach (var message in messages)
        {
            WriteString(writer, message.ProtocolName);
            WriteBlock(writer, message.Serialized.Span);
        }

        return writer.WrittenSpan.ToArray();
    }

    public static BackplaneInvocation ReadInvocation(ReadOnlyMemory<byte> payload)
    {
        var reader = new Reader(payload);
        reader.ReadVersion();
        var excluded = new string[reader.ReadCount()];
        for (var i = 0; i < excluded.Length; i++)
        {
            excluded[i] = reader.ReadString();
        }

        var messages = new SerializedMessage[reader.ReadCount()];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new SerializedMessage(reader.ReadString(), reader.ReadBlock());
        }

        reader.EnsureEnd();
        return new BackplaneInvocation(messages, excluded);
    }

    public static byte[] WriteGroupCommand(GroupCommand command)
    {
        var writer = new ArrayBufferWriter<byte>(128);
        WriteByte(writer, Version);
        WriteInt32(writer, command.Id);
        WriteString(writer, command.SenderInstance);
        WriteByte(writer, (byte)command.Action);
        WriteString(writer, command.Group);
        WriteString(writer, command.ConnectionId);
        return writer.WrittenSpan.ToArray();
    }

    public static GroupCommand ReadGroupCommand(ReadOnlyMemory<byte> payload)
    {
        var reader = new Reader(payload);
        reader.ReadVersion();
        var id = reader.ReadInt32();
        var sender = reader.ReadString();
        var action = (GroupAction)reader.ReadByte();
        if (action is not (GroupAction.Add or GroupAction.Remove))
        {
            throw new InvalidDataException($"Unknown group action {(byte)action}.");
        }

        var command = new GroupCommand(id, sender, action, reader.ReadString(), reader.ReadString());
        reader.EnsureEnd();
        return command;
    }

    public static byte[] WriteAck(int id)
    {
        var bytes = new byte[5];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), id);
        return bytes;
    }

    public static int ReadAck(ReadOnlyMemory<byte> payload)
    {
        var reader = new Reader(payload);
        reader.ReadVersion();
        var id = reader.ReadInt32();
        reader.EnsureEnd();
        return id;
    }

    private static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private static void WriteVarInt(ArrayBufferWriter<byte> writer, int value)
    {
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            WriteByte(writer, (byte)(remaining | 0x80));
            remaining >>= 7;
        }

        WriteByte(writer, (byte)remaining);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarInt(writer, length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    private static void WriteBlock(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        WriteVarInt(writer, value.Length);
        writer.Write(value);
    }

    /// <summary>Reads fields in order, failing with <see cref="InvalidDataException"/> on anything truncated or malformed.</summary>
    private ref struct Reader(ReadOnlyMemory<byte> payload)
    {
        private readonly ReadOnlyMemory<byte> _payload = payload;
        private int _position;

        public void ReadVersion()
        {
            var version = ReadByte();
            if (version != Version)
            {
                throw new InvalidDataException($"Unsupported backplane format version {version} (this instance speaks {Version}).");
            }
        }

        public byte ReadByte() => Take(1)[0];

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public int ReadCount()
        {
            var count = ReadVarInt();

            // Each counted item takes at least one byte, so a count beyond the rest is corrupt, not a huge allocation.
            return count <= _payload.Length - _position ? count : throw new InvalidDataException($"Count {count} exceeds the payload.");
        }

        public string ReadString() => Encoding.UTF8.GetString(Take(ReadVarInt()));

        public ReadOnlyMemory<byte> ReadBlock()
        {
            var length = ReadVarInt();
            Take(length);
            return _payload.Slice(_position - length, length);
        }

        public readonly void EnsureEnd()
        {
            if (_position != _payload.Length)
            {
                throw new InvalidDataException($"{_payload.Length - _position} unexpected trailing bytes.");
            }
        }

        private int ReadVarInt()
        {
            var result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadByte();
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result >= 0 ? result : throw new InvalidDataException("Negative length.");
                }
            }

            throw new InvalidDataException("Variable-length integer is too long.");
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > _payload.Length - _position)
            {
                throw new InvalidDataException($"Truncated backplane message: wanted {length} bytes at offset {_position} of {_payload.Length}.");
            }

            var span = _payload.Span.Slice(_position, length);
            _position += length;
            return span;
        }
    }
}
