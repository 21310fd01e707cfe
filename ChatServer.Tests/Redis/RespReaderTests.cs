using System.Buffers;
using System.Text;
using ChatServer.Redis;
using ChatServer.Redis.Protocol;

namespace ChatServer.Tests.Redis;

public sealed class RespReaderTests
{
    private static ReadOnlySequence<byte> Bytes(string resp) => new(Encoding.UTF8.GetBytes(resp));

    private static RedisResult ReadOne(string resp)
    {
        var bytes = Bytes(resp);
        Assert.True(RespReader.TryRead(bytes, out var result, out var consumed));
        Assert.Equal(bytes.Length, bytes.Slice(0, consumed).Length);
        return result;
    }

    [Fact]
    public void Simple_string_error_and_integer_are_read()
    {
        Assert.Equal("OK", ReadOne("+OK\r\n").ToString());
        Assert.Equal(RespType.SimpleString, ReadOne("+hello world\r\n").Type);

        var error = ReadOne("-WRONGTYPE Operation against a key\r\n");
        Assert.True(error.IsError);
        Assert.Equal("WRONGTYPE Operation against a key", error.ErrorMessage);

        Assert.Equal(-42, ReadOne(":-42\r\n").ToInt64());
        Assert.Equal(long.MaxValue, ReadOne(":9223372036854775807\r\n").ToInt64());
    }

    [Fact]
    public void Bulk_strings_are_binary_safe_and_null_is_distinct_from_empty()
    {
        var bulk = ReadOne("$8\r\na\r\nb\0c\r\n\r\n");
        Assert.Equal("a\r\nb\0c\r\n"u8.ToArray(), bulk.ToBytes());

        Assert.True(ReadOne("$-1\r\n").IsNull);
        var empty = ReadOne("$0\r\n\r\n");
        Assert.False(empty.IsNull);
        Assert.Empty(empty.ToBytes()!);
    }

    [Fact]
    public void Nested_and_null_arrays_are_read()
    {
        var result = ReadOne("*3\r\n:1\r\n*2\r\n$3\r\nfoo\r\n-ERR x\r\n*-1\r\n");
        Assert.Equal(3, result.Elements.Count);
        Assert.Equal(1, result.Elements[0].ToInt64());
        Assert.Equal("foo", result.Elements[1].Elements[0].ToString());
        Assert.True(result.Elements[1].Elements[1].IsError);
        Assert.True(result.Elements[2].IsNull);
        Assert.Empty(ReadOne("*0\r\n").Elements);
        Assert.True(ReadOne("*-1\r\n").IsNull);
    }

    [Fact]
    public void UTF8_text_survives()
    {
        Assert.Equal("héllo wörld ✓ 你好", ReadOne("$24\r\nhéllo wörld ✓ 你好\r\n").ToString());
    }

    [Theory]
    [InlineData("+OK\r\n:1\r\n$3\r\nabc\r\n*2\r\n$-1\r\n*1\r\n:7\r\n-ERR boom\r\n")]
    [InlineData("*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$5\r\nhello\r\n+PONG\r\n")]
    [InlineData("$10\r\n0123456789\r\n*-1\r\n$0\r\n\r\n:-5\r\n")]
    public void Multi_frame_buffer_split_at_every_byte_parses_identically(string resp)
    {
        var bytes = Encoding.UTF8.GetBytes(resp);
        var expected = ReadAll(new ReadOnlySequence<byte>(bytes));
        Assert.True(expected.Count >= 2);

        for (var split = 1; split < bytes.Length; split++)
        {
            // Two segments, as a socket read boundary would cut them.
            var sequence = TestSequence.Create(bytes.AsMemory(0, split), bytes.AsMemory(split));
            Assert.Equal(expected, ReadAll(sequence));

            // And as a stream: feed the first part, parse what is complete, then append the rest.
            var fed = FeedIncrementally(bytes, split);
            Assert.Equal(expected, fed);
        }
    }

    [Fact]
    public void Frame_fed_one_byte_at_a_time_parses()
    {
        var bytes = Encoding.UTF8.GetBytes("*2\r\n$5\r\nhello\r\n*1\r\n:12345\r\n");
        var buffer = new List<byte>();
        RedisResult? result = null;
        foreach (var b in bytes)
        {
            Assert.Null(result);
            buffer.Add(b);
            RespReader.TryRead(new ReadOnlySequence<byte>(buffer.ToArray()), out result, out _);
        }

        Assert.NotNull(result);
        Assert.Equal("hello", result.Elements[0].ToString());
        Assert.Equal(12345, result.Elements[1].Elements[0].ToInt64());
    }

    [Theory]
    [InlineData("!oops\r\n")]
    [InlineData(":12a\r\n")]
    [InlineData(":\r\n")]
    [InlineData("$3\r\nabcd\r\n")]
    [InlineData("$-2\r\n")]
    [InlineData("*-7\r\n")]
    [InlineData("+OK\rX")]
    [InlineData("$abc\r\n")]
    public void Malformed_frames_throw_a_protocol_exception(string resp)
    {
        Assert.Throws<RedisProtocolException>(() => RespReader.TryRead(Bytes(resp), out _, out _));
    }

    [Fact]
    public void Absurd_nesting_is_rejected()
    {
        var resp = string.Concat(Enumerable.Repeat("*1\r\n", RespReader.MaxDepth + 1)) + ":1\r\n";
        Assert.Throws<RedisProtocolException>(() => RespReader.TryRead(Bytes(resp), out _, out _));
    }

    [Fact]
    public void Incomplete_frame_leaves_reader_position_unchanged()
    {
        var reader = new SequenceReader<byte>(Bytes("*2\r\n:1\r\n$5\r\nhel"));
        Assert.False(RespReader.TryRead(ref reader, out _));
        Assert.Equal(0, reader.Consumed);
    }

    private static List<string> ReadAll(ReadOnlySequence<byte> sequence)
    {
        var reader = new SequenceReader<byte>(sequence);
        var results = new List<string>();
        while (RespReader.TryRead(ref reader, out var result)) results.Add(Describe(result));
        Assert.Equal(sequence.Length, reader.Consumed);
        return results;
    }

    private static List<string> FeedIncrementally(byte[] bytes, int split)
    {
        var results = new List<string>();
        var pending = bytes[..split];
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(pending));
        while (RespReader.TryRead(ref reader, out var result)) results.Add(Describe(result));
        var rest = bytes[(int)reader.Consumed..];
        reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(rest));
        while (RespReader.TryRead(ref reader, out var result)) results.Add(Describe(result));
        Assert.Equal(rest.Length, reader.Consumed);
        return results;
    }

    internal static string Describe(RedisResult result) => result.Type switch
    {
        RespType.Array when result.IsNull => "*null",
        RespType.Array => "[" + string.Join(",", result.Elements.Select(Describe)) + "]",
        RespType.BulkString when result.IsNull => "$null",
        RespType.BulkString => "$" + Convert.ToHexString(result.ToBytes()!),
        RespType.Error => "-" + result.ErrorMessage,
        RespType.Integer => ":" + result.ToInt64(),
        _ => "+" + result.ToString(),
    };
}
