using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ChatServer.Redis;

/// <summary>
/// A command argument or a scalar reply: binary-safe bytes, text (sent as UTF-8), an integer, a double, or null.
/// Conversions are implicit so call sites read like <c>SetAsync("k", "v")</c> or <c>SetAsync("k", bytes)</c>.
/// </summary>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    private enum Kind : byte { Null, Text, Bytes, Integer, Double }

    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _integer;
    private readonly double _double;
    private readonly Kind _kind;

    private RedisValue(Kind kind, string? text = null, ReadOnlyMemory<byte> bytes = default, long integer = 0, double number = 0)
    {
        _kind = kind;
        _text = text;
        _bytes = bytes;
        _integer = integer;
        _double = number;
    }

    /// <summary>The null value (a RESP null bulk string).</summary>
    public static RedisValue Null => default;

    /// <summary>True for the null value.</summary>
    public bool IsNull => _kind == Kind.Null;

    /// <summary>Length in bytes of the wire form.</summary>
    public int ByteLength => _kind switch
    {
        Kind.Null => 0,
        Kind.Text => Encoding.UTF8.GetByteCount(_text!),
        Kind.Bytes => _bytes.Length,
        Kind.Integer => FormatInteger(_integer, stackalloc byte[20]).Length,
        _ => Encoding.ASCII.GetByteCount(FormatDouble(_double)),
    };

    public static implicit operator RedisValue(string? value) => value is null ? Null : new RedisValue(Kind.Text, text: value);

    public static implicit operator RedisValue(byte[]? value) => value is null ? Null : new RedisValue(Kind.Bytes, bytes: value);

    public static implicit operator RedisValue(ReadOnlyMemory<byte> value) => new(Kind.Bytes, bytes: value);

    public static implicit operator RedisValue(long value) => new(Kind.Integer, integer: value);

    public static implicit operator RedisValue(int value) => new(Kind.Integer, integer: value);

    public static implicit operator RedisValue(double value) => new(Kind.Double, number: value);

    /// <summary>Named alternatives to the implicit conversions, for languages and analyzers that want them.</summary>
    public static RedisValue FromString(string? value) => value;

    public static RedisValue FromBytes(ReadOnlyMemory<byte> value) => value;

    public static RedisValue FromInt64(long value) => value;

    public static RedisValue FromDouble(double value) => value;

    /// <summary>The value as UTF-8 text; null for the null value.</summary>
    public override string? ToString() => _kind switch
    {
        Kind.Null => null,
        Kind.Text => _text,
        Kind.Bytes => Encoding.UTF8.GetString(_bytes.Span),
        Kind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        _ => FormatDouble(_double),
    };

    /// <summary>The value's bytes (a copy unless it already is a whole array); null for the null value.</summary>
    public byte[]? ToArray()
    {
        switch (_kind)
        {
            case Kind.Null:
                return null;
            case Kind.Bytes:
                return _bytes.ToArray();
            default:
                var result = new byte[ByteLength];
                CopyTo(result);
                return result;
        }
    }

    /// <summary>The bytes without copying when the value holds bytes; otherwise encodes them.</summary>
    public ReadOnlyMemory<byte> AsMemory() => _kind == Kind.Bytes ? _bytes : ToArray() ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>Parses the value as a 64-bit integer (integers, or text/bytes holding one).</summary>
    public bool TryParseInt64(out long value)
    {
        switch (_kind)
        {
            case Kind.Integer:
                value = _integer;
                return true;
            case Kind.Bytes:
                return Utf8Parser.TryParse(_bytes.Span, out value, out var consumed) && consumed == _bytes.Length;
            case Kind.Text:
                return long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>The value as a 64-bit integer; throws <see cref="FormatException"/> when it is not one.</summary>
    public long ToInt64() => TryParseInt64(out var value) ? value : throw new FormatException($"Redis value '{ToString()}' is not an integer.");

    /// <summary>The value as a double (Redis spells infinities "inf", "+inf", "-inf").</summary>
    public double ToDouble()
    {
        if (_kind == Kind.Double) return _double;
        if (_kind == Kind.Integer) return _integer;
        return RespFormat.ParseDouble(ToString() ?? throw new FormatException("Null Redis value is not a number."));
    }

    /// <summary>Writes the wire bytes into <paramref name="destination"/>, which must hold <see cref="ByteLength"/> bytes.</summary>
    internal int CopyTo(Span<byte> destination)
    {
        switch (_kind)
        {
            case Kind.Null:
                return 0;
            case Kind.Text:
                return Encoding.UTF8.GetBytes(_text!, destination);
            case Kind.Bytes:
                _bytes.Span.CopyTo(destination);
                return _bytes.Length;
            case Kind.Integer:
                var digits = FormatInteger(_integer, stackalloc byte[20]);
                digits.CopyTo(destination);
                return digits.Length;
            default:
                return Encoding.ASCII.GetBytes(FormatDouble(_double), destination);
        }
    }

    public bool Equals(RedisValue other)
    {
        if (IsNull || other.IsNull) return IsNull && other.IsNull;
        if (_kind == Kind.Integer && other._kind == Kind.Integer) return _integer == other._integer;
        if (_kind == Kind.Text && other._kind == Kind.Text) return string.Equals(_text, other._text, StringComparison.Ordinal);
        return AsMemory().Span.SequenceEqual(other.AsMemory().Span);
    }

    public override bool Equals(object? obj) => obj is RedisValue other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(AsMemory().Span);
        return hash.ToHashCode();
    }

    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);

    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);

    private static ReadOnlySpan<byte> FormatInteger(long value, Span<byte> buffer)
    {
        Utf8Formatter.TryFormat(value, buffer, out var written);
        return buffer[..written];
    }

    private static string FormatDouble(double value) => RespFormat.FormatDouble(value);
}
