using System.Globalization;
using System.Text;

namespace ChatServer.Redis;

/// <summary>
/// One parsed RESP2 reply. Bulk strings own a copy of their bytes (the socket's buffers are recycled);
/// simple strings and errors are decoded text; arrays hold their elements.
/// </summary>
public sealed class RedisResult
{
    private static readonly RedisResult[] EmptyElements = [];

    private readonly byte[]? _bytes;
    private readonly string? _text;
    private readonly long _integer;
    private readonly RedisResult[]? _elements;

    private RedisResult(RespType type, byte[]? bytes, string? text, long integer, RedisResult[]? elements)
    {
        Type = type;
        _bytes = bytes;
        _text = text;
        _integer = integer;
        _elements = elements;
    }

    /// <summary>Reply type as it came off the wire.</summary>
    public RespType Type { get; }

    /// <summary>True for a null bulk string (<c>$-1</c>) or null array (<c>*-1</c>).</summary>
    public bool IsNull => Type switch
    {
        RespType.BulkString => _bytes is null,
        RespType.Array => _elements is null,
        _ => false,
    };

    /// <summary>True for an error reply (only seen inside arrays, e.g. an EXEC result; top-level errors throw).</summary>
    public bool IsError => Type == RespType.Error;

    /// <summary>The error text of an error reply; null otherwise.</summary>
    public string? ErrorMessage => Type == RespType.Error ? _text : null;

    /// <summary>Array elements; empty for a null array; throws for non-arrays.</summary>
    public IReadOnlyList<RedisResult> Elements => Type == RespType.Array
        ? _elements ?? EmptyElements
        : throw new InvalidCastException($"A {Type} reply is not an array.");

    public static RedisResult SimpleString(string text) => new(RespType.SimpleString, null, text, 0, null);

    public static RedisResult Error(string message) => new(RespType.Error, null, message, 0, null);

    public static RedisResult FromInteger(long value) => new(RespType.Integer, null, null, value, null);

    public static RedisResult Bulk(byte[]? bytes) => new(RespType.BulkString, bytes, null, 0, null);

    public static RedisResult Array(RedisResult[]? elements) => new(RespType.Array, null, null, 0, elements);

    /// <summary>Text of a simple string, bulk string (UTF-8) or integer; null for null replies.</summary>
    public override string? ToString() => Type switch
    {
        RespType.SimpleString or RespType.Error => _text,
        RespType.BulkString => _bytes is null ? null : Encoding.UTF8.GetString(_bytes),
        RespType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        _ => _elements is null ? null : $"array[{_elements.Length}]",
    };

    /// <summary>The reply's bytes (bulk strings without copying); null for null replies.</summary>
    public byte[]? ToBytes() => Type switch
    {
        RespType.BulkString => _bytes,
        RespType.SimpleString or RespType.Error => _text is null ? null : Encoding.UTF8.GetBytes(_text),
        RespType.Integer => Encoding.ASCII.GetBytes(_integer.ToString(CultureInfo.InvariantCulture)),
        _ => throw new InvalidCastException("An array reply has no bytes."),
    };

    /// <summary>The reply as a <see cref="RedisValue"/> (bulk bytes are shared, not copied).</summary>
    public RedisValue ToRedisValue() => Type switch
    {
        RespType.BulkString => _bytes is null ? RedisValue.Null : (RedisValue)_bytes,
        RespType.Integer => _integer,
        RespType.SimpleString => _text,
        _ => throw new InvalidCastException($"A {Type} reply is not a scalar value."),
    };

    /// <summary>Integer replies, or bulk/simple strings that hold an integer.</summary>
    public long ToInt64() => Type == RespType.Integer ? _integer : ToRedisValue().ToInt64();

    /// <summary>Null-aware integer: null for null replies.</summary>
    public long? ToNullableInt64() => IsNull ? null : ToInt64();

    /// <summary>Numbers sent as bulk strings (scores, INCRBYFLOAT).</summary>
    public double ToDouble() => Type == RespType.Integer ? _integer : ToRedisValue().ToDouble();

    /// <summary>Array elements as values (null elements stay <see cref="RedisValue.Null"/>).</summary>
    public RedisValue[] ToValueArray()
    {
        var elements = Elements;
        var values = new RedisValue[elements.Count];
        for (var i = 0; i < values.Length; i++) values[i] = elements[i].ToRedisValue();
        return values;
    }

    /// <summary>Array elements as text.</summary>
    public string?[] ToStringArray()
    {
        var elements = Elements;
        var values = new string?[elements.Count];
        for (var i = 0; i < values.Length; i++) values[i] = elements[i].ToString();
        return values;
    }
}
