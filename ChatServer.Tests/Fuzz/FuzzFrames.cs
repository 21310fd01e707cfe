using System.Buffers;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace ChatServer.Tests.Fuzz;

/// <summary>
/// Random and mutated SignalR frames from one seeded <see cref="Random"/>: JSON records (ended by 0x1e) and MessagePack
/// messages (a varint length, then the message), each either a well-formed hub message with random arguments, a
/// mutation of one (bytes flipped, cut, repeated, separators inserted), or plain noise.
/// </summary>
internal sealed class FuzzFrames(Random random)
{
    public const byte RecordSeparator = 0x1e;

    private static readonly string[] Targets =
    [
        "JoinRoom", "LeaveRoom", "SendMessage", "GetHistory", "StartTyping", "StopTyping", "OpenDirectRoom", "ListRooms",
        "GetServerInfo", "OnConnectedAsync", "OnDisconnectedAsync", "Dispose", "", "joinroom", "Send\u0000Message",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "general", "fuzz-room", "dm:a:b", "dm:ghost:mallory", "9223372036854775807-9223372036854775807", "0-0", "1-1",
        "-1", "\u200b", "\u202e", "a\nb", "💬", "\ud800", "<script>", "%s%n", "null", "{}", "\u001e",
    ];

    public byte[] NextJson()
    {
        var valid = Encoding.UTF8.GetBytes(JsonMessage() + (char)RecordSeparator);
        return random.Next(4) switch
        {
            0 or 1 => valid,
            2 => Mutate(valid),
            _ => Noise(),
        };
    }

    public byte[] NextMessagePack()
    {
        var valid = MessagePackMessage();
        return random.Next(4) switch
        {
            0 or 1 => valid,
            2 => Mutate(valid),
            _ => [.. VarInt(random.Next(0, 300)), .. Noise()],
        };
    }

    /// <summary>The handshake, usually right, sometimes not (unknown protocol, bad version, garbage).</summary>
    public string Handshake(string protocol) => random.Next(10) switch
    {
        0 => """{"protocol":"nope","version":1}""",
        1 => $$"""{"protocol":"{{protocol}}","version":99}""",
        2 => "{",
        _ => $$"""{"protocol":"{{protocol}}","version":1}""",
    };

    private string JsonMessage()
    {
        var type = random.Next(10) switch { < 6 => 1, 6 => 4, 7 => 5, 8 => 6, _ => random.Next(-2, 12) };
        var message = new Dictionary<string, object?> { ["type"] = type };
        if (random.Next(4) > 0) message["invocationId"] = random.Next(3) == 0 ? RandomValue(1) : random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (random.Next(8) > 0) message["target"] = random.Next(6) == 0 ? RandomString() : Targets[random.Next(Targets.Length)];
        if (random.Next(8) > 0) message["arguments"] = Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomValue(3)).ToArray();
        if (random.Next(10) == 0) message["streamIds"] = new[] { RandomString() };
        return JsonSerializer.Serialize(message);
    }

    private byte[] MessagePackMessage()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        var type = random.Next(10) switch { < 7 => 1, 7 => 6, 8 => 5, _ => random.Next(-2, 12) };
        // Invocation: [1, headers, invocationId, target, arguments, streamIds]
        writer.WriteArrayHeader(random.Next(8) == 0 ? random.Next(0, 8) : 6);
        writer.Write(type);
        writer.WriteMapHeader(0);
        if (random.Next(4) == 0) writer.WriteNil(); else writer.Write(random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.Write(Targets[random.Next(Targets.Length)]);
        var count = random.Next(0, 5);
        writer.WriteArrayHeader(count);
        for (var i = 0; i < count; i++) WriteRandom(ref writer, 3);
        writer.WriteArrayHeader(0);
        writer.Flush();
        var body = buffer.WrittenSpan.ToArray();
        return [.. VarInt(body.Length), .. body];
    }

    private void WriteRandom(ref MessagePackWriter writer, int depth)
    {
        switch (random.Next(depth > 0 ? 7 : 5))
        {
            case 0: writer.WriteNil(); break;
            case 1: writer.Write(random.Next(2) == 0); break;
            case 2: writer.Write(random.NextInt64(long.MinValue, long.MaxValue)); break;
            case 3: writer.Write(random.NextDouble() * 1e12); break;
            case 4: writer.Write(RandomString()); break;
            case 5:
                var items = random.Next(0, 4);
                writer.WriteArrayHeader(items);
                for (var i = 0; i < items; i++) WriteRandom(ref writer, depth - 1);
                break;
            default:
                writer.WriteMapHeader(1);
                writer.Write(RandomString());
                WriteRandom(ref writer, depth - 1);
                break;
        }
    }

    private object? RandomValue(int depth) => random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.NextInt64(long.MinValue, long.MaxValue),
        3 => random.NextDouble() * 1e300,
        4 or 5 => RandomString(),
        6 => Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(depth - 1)).ToArray(),
        _ => new Dictionary<string, object?> { [RandomString()] = RandomValue(depth - 1) },
    };

    private string RandomString() => random.Next(6) switch
    {
        0 => new string((char)random.Next(0x20, 0x7f), random.Next(0, 5000)),
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0, 0xffff))),
        _ => Strings[random.Next(Strings.Length)],
    };

    private byte[] Mutate(byte[] valid)
    {
        var bytes = valid.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, RecordSeparator); break;
                case 3: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(16, bytes.Count - at))); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }

    private byte[] Noise()
    {
        var noise = new byte[random.Next(1, 512)];
        random.NextBytes(noise);
        return noise;
    }

    private static byte[] VarInt(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var next = (byte)(value & 0x7f);
            value >>= 7;
            if (value > 0) next |= 0x80;
            bytes.Add(next);
        }
        while (value > 0);
        return [.. bytes];
    }
}
