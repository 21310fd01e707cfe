using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ChatServer.Redis.Protocol;

/// <summary>
/// RESP2 parser over a byte sequence (the pipe's buffers, read in place).
/// <code>
///   +OK\r\n             simple string      -ERR text\r\n   error
///   :42\r\n             integer            $5\r\nhello\r\n  bulk string ($-1\r\n is null)
///   *2\r\n:1\r\n:2\r\n  array of 2 (*-1\r\n is null; elements are any type, nested to any depth)
/// </code>
/// <see cref="TryRead"/> returns false and leaves the reader where it was while a frame is incomplete, so a frame
/// split at any byte boundary is simply re-read once more bytes arrive. Bytes that cannot be RESP throw
/// <see cref="RedisProtocolException"/>; the caller drops the connection, so nothing after them is misread.
/// </summary>
public static class RespReader
{
    /// <summary>Redis' own limit for a bulk string (proto-max-bulk-len default).</summary>
    public const int MaxBulkLength = 512 * 1024 * 1024;

    /// <summary>A line (simple string, error, length) longer than this without CRLF is not RESP from a Redis server.</summary>
    public const int MaxLineLength = 1024 * 1024;

    /// <summary>Redis never nests replies this deep; a deeper frame is hostile or corrupt.</summary>
    public const int MaxDepth = 64;

    private static readonly RedisResult Ok = RedisResult.SimpleString("OK");
    private static readonly RedisResult Queued = RedisResult.SimpleString("QUEUED");
    private static readonly RedisResult Pong = RedisResult.SimpleString("PONG");
    private static readonly RedisResult NullBulk = RedisResult.Bulk(null);
    private static readonly RedisResult NullArray = RedisResult.Array(null);

    /// <summary>Reads one complete frame, or returns false (reader unchanged) when more bytes are needed.</summary>
    public static bool TryRead(ref SequenceReader<byte> reader, [NotNullWhen(true)] out RedisResult? result)
    {
        var start = reader;

        // A big array (HGETALL, XRANGE, SMEMBERS) can take many socket reads to arrive. Checking that it is complete
        // without allocating first means it is materialized once, not once per read.
        if (reader.TryPeek(out var prefix) && prefix == (byte)'*')
        {
            var probe = reader;
            if (!TrySkipValue(ref probe, 0))
            {
                result = null;
                return false;
            }
        }

        if (TryReadValue(ref reader, 0, out result) && result is not null) return true;
        reader = start;
        result = null;
        return false;
    }

    /// <summary>Reads one frame from the start of <paramref name="buffer"/>; <paramref name="consumed"/> is where it ended.</summary>
    public static bool TryRead(ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RedisResult? result, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        var ok = TryRead(ref reader, out result);
        consumed = reader.Position;
        return ok;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, int depth, out RedisResult? result)
    {
        result = null;
        if (!reader.TryRead(out var prefix)) return false;
        switch (prefix)
        {
            case (byte)'+':
                if (!TryReadLine(ref reader, out var simple)) return false;
                result = SimpleString(simple);
                return true;
            case (byte)'-':
                if (!TryReadLine(ref reader, out var error)) return false;
                result = RedisResult.Error(Decode(error));
                return true;
            case (byte)':':
                if (!TryReadLine(ref reader, out var integer)) return false;
                result = RedisResult.FromInteger(ParseInteger(integer, "integer"));
                return true;
            case (byte)'$':
                return TryReadBulk(ref reader, out result);
            case (byte)'*':
                return TryReadArray(ref reader, depth, out result);
            default:
                throw RedisErrors.Protocol($"Unexpected RESP type byte 0x{prefix:X2} ('{(char)prefix}').");
        }
    }

    /// <summary>Walks one frame without allocating; false when it is incomplete. Same validation as the read.</summary>
    private static bool TrySkipValue(ref SequenceReader<byte> reader, int depth)
    {
        if (!reader.TryRead(out var prefix)) return false;
        switch (prefix)
        {
            case (byte)'+' or (byte)'-' or (byte)':':
                return TryReadLine(ref reader, out _);
            case (byte)'$':
                if (!TryReadLine(ref reader, out var header)) return false;
                var length = ParseInteger(header, "bulk length");
                if (length == -1) return true;
                if (length < -1 || length > MaxBulkLength) throw RedisErrors.Protocol($"Invalid bulk string length {length}.");
                if (reader.Remaining < length + 2) return false;
                reader.Advance(length);
                if (!reader.IsNext("\r\n"u8, advancePast: true)) throw RedisErrors.Protocol("Bulk string is not followed by CRLF.");
                return true;
            case (byte)'*':
                if (!TryReadLine(ref reader, out var arrayHeader)) return false;
                var count = ParseInteger(arrayHeader, "array length");
                if (count == -1) return true;
                if (count < -1 || count > int.MaxValue) throw RedisErrors.Protocol($"Invalid array length {count}.");
                if (depth >= MaxDepth) throw RedisErrors.Protocol($"Arrays nested deeper than {MaxDepth} levels.");
                if (reader.Remaining < count * 3) return false;
                for (var i = 0; i < count; i++)
                {
                    if (!TrySkipValue(ref reader, depth + 1)) return false;
                }

                return true;
            default:
                throw RedisErrors.Protocol($"Unexpected RESP type byte 0x{prefix:X2} ('{(char)prefix}').");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, out var header)) return false;
        var length = ParseInteger(header, "bulk length");
        if (length == -1)
        {
            result = NullBulk;
            return true;
        }

        if (length < -1 || length > MaxBulkLength) throw RedisErrors.Protocol($"Invalid bulk string length {length}.");
        if (reader.Remaining < length + 2) return false;

        var bytes = length == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)length);
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true)) throw RedisErrors.Protocol("Bulk string is not followed by CRLF.");
        result = RedisResult.Bulk(bytes);
        return true;
    }

    private static bool TryReadArray(ref SequenceReader<byte> reader, int depth, out RedisResult? result)
    {
        result = null;
        if (!TryReadLine(ref reader, out var header)) return false;
        var count = ParseInteger(header, "array length");
        if (count == -1)
        {
            result = NullArray;
            return true;
        }

        if (count < -1 || count > int.MaxValue) throw RedisErrors.Protocol($"Invalid array length {count}.");
        if (depth >= MaxDepth) throw RedisErrors.Protocol($"Arrays nested deeper than {MaxDepth} levels.");

        // Every element takes at least three bytes ("+\r\n"): don't allocate for a frame that cannot be complete yet.
        if (reader.Remaining < count * 3) return false;

        var elements = count == 0 ? [] : new RedisResult[count];
        for (var i = 0; i < elements.Length; i++)
        {
            if (!TryReadValue(ref reader, depth + 1, out var element)) return false;
            elements[i] = element!;
        }

        result = RedisResult.Array(elements);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> line)
    {
        if (!reader.TryReadTo(out line, (byte)'\r', advancePastDelimiter: true))
        {
            if (reader.Remaining > MaxLineLength) throw RedisErrors.Protocol($"No CRLF within {MaxLineLength} bytes.");
            return false;
        }

        if (!reader.TryPeek(out var next)) return false;
        if (next != (byte)'\n') throw RedisErrors.Protocol("CR not followed by LF.");
        reader.Advance(1);
        return true;
    }

    private static long ParseInteger(ReadOnlySequence<byte> line, string what)
    {
        if (line.Length is 0 or > 20) throw RedisErrors.Protocol($"Invalid {what}: '{Decode(line)}'.");
        Span<byte> buffer = stackalloc byte[20];
        var span = line.IsSingleSegment ? line.FirstSpan : CopyTo(line, buffer);
        if (!Utf8Parser.TryParse(span, out long value, out var consumed) || consumed != span.Length)
        {
            throw RedisErrors.Protocol($"Invalid {what}: '{Decode(line)}'.");
        }

        return value;
    }

    private static ReadOnlySpan<byte> CopyTo(ReadOnlySequence<byte> line, Span<byte> buffer)
    {
        line.CopyTo(buffer);
        return buffer[..(int)line.Length];
    }

    private static RedisResult SimpleString(ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment)
        {
            // The common replies get shared instances: no allocation on the hot path of SET or MULTI.
            var span = line.FirstSpan;
            if (span.SequenceEqual("OK"u8)) return Ok;
            if (span.SequenceEqual("QUEUED"u8)) return Queued;
            if (span.SequenceEqual("PONG"u8)) return Pong;
        }

        return RedisResult.SimpleString(Decode(line));
    }

    private static string Decode(ReadOnlySequence<byte> bytes) =>
        bytes.IsSingleSegment ? Encoding.UTF8.GetString(bytes.FirstSpan) : Encoding.UTF8.GetString(bytes.ToArray());
}
