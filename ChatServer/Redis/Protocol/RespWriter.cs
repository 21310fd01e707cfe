using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ChatServer.Redis.Protocol;

/// <summary>
/// RESP2 encoder into a buffer writer (the pipe's memory). Commands go out as arrays of bulk strings:
/// <c>*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n</c>. Values are encoded straight into the pipe's buffers;
/// byte payloads are copied once, text is UTF-8 encoded in place.
/// </summary>
public static class RespWriter
{
    // "$" + 10 digits + CRLF, with room to spare.
    private const int MaxHeaderLength = 16;

    /// <summary>Writes one command: <paramref name="parts"/>[0] is the command name, the rest its arguments.</summary>
    public static void WriteCommand(IBufferWriter<byte> writer, ReadOnlySpan<RedisValue> parts)
    {
        WriteHeader(writer, (byte)'*', parts.Length);
        foreach (var part in parts) WriteBulk(writer, part);
    }

    /// <summary>Writes one command given as name and arguments.</summary>
    public static void WriteCommand(IBufferWriter<byte> writer, string command, IReadOnlyList<RedisValue> args)
    {
        WriteHeader(writer, (byte)'*', args.Count + 1);
        WriteBulk(writer, command);
        for (var i = 0; i < args.Count; i++) WriteBulk(writer, args[i]);
    }

    /// <summary>Writes any RESP2 value (used for tests and tools; commands use <see cref="WriteCommand(IBufferWriter{byte}, ReadOnlySpan{RedisValue})"/>).</summary>
    public static void WriteValue(IBufferWriter<byte> writer, RedisResult value)
    {
        switch (value.Type)
        {
            case RespType.SimpleString:
                WriteLine(writer, (byte)'+', value.ToString()!);
                break;
            case RespType.Error:
                WriteLine(writer, (byte)'-', value.ErrorMessage!);
                break;
            case RespType.Integer:
                WriteHeader(writer, (byte)':', value.ToInt64());
                break;
            case RespType.BulkString:
                if (value.IsNull) WriteHeader(writer, (byte)'$', -1);
                else WriteBulk(writer, value.ToBytes());
                break;
            default:
                if (value.IsNull)
                {
                    WriteHeader(writer, (byte)'*', -1);
                    break;
                }

                WriteHeader(writer, (byte)'*', value.Elements.Count);
                foreach (var element in value.Elements) WriteValue(writer, element);
                break;
        }
    }

    /// <summary>One bulk string; a null value is written as the null bulk string.</summary>
    public static void WriteBulk(IBufferWriter<byte> writer, RedisValue value)
    {
        if (value.IsNull)
        {
            // Commands cannot carry null; Redis reads an empty argument, which is what callers mean by "no value".
            WriteHeader(writer, (byte)'$', 0);
            WriteCrlf(writer);
            return;
        }

        var length = value.ByteLength;
        if (length <= 1024)
        {
            // Small values: header, payload and trailer in one span, one Advance.
            var span = writer.GetSpan(MaxHeaderLength + length + 2);
            var written = FormatHeader(span, (byte)'$', length);
            written += value.CopyTo(span[written..]);
            span[written++] = (byte)'\r';
            span[written++] = (byte)'\n';
            writer.Advance(written);
            return;
        }

        WriteHeader(writer, (byte)'$', length);
        var memory = value.AsMemory();
        writer.Write(memory.Span);
        WriteCrlf(writer);
    }

    private static void WriteLine(IBufferWriter<byte> writer, byte prefix, string text)
    {
        var span = writer.GetSpan(1);
        span[0] = prefix;
        writer.Advance(1);
        Encoding.UTF8.GetBytes(text, writer);
        WriteCrlf(writer);
    }

    private static void WriteHeader(IBufferWriter<byte> writer, byte prefix, long number)
    {
        var span = writer.GetSpan(24);
        writer.Advance(FormatHeader(span, prefix, number));
    }

    private static int FormatHeader(Span<byte> span, byte prefix, long number)
    {
        span[0] = prefix;
        Utf8Formatter.TryFormat(number, span[1..], out var digits);
        span[digits + 1] = (byte)'\r';
        span[digits + 2] = (byte)'\n';
        return digits + 3;
    }

    private static void WriteCrlf(IBufferWriter<byte> writer)
    {
        var span = writer.GetSpan(2);
        span[0] = (byte)'\r';
        span[1] = (byte)'\n';
        writer.Advance(2);
    }
}
