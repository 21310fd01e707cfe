using System.Buffers;
using System.Text;
using ChatServer.Redis;
using ChatServer.Redis.Protocol;

namespace ChatServer.Tests.Redis;

public sealed class RespWriterTests
{
    [Fact]
    public void Command_is_an_array_of_bulk_strings()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(buffer, ["SET", "key", "välue", 42, 1.5, new byte[] { 0, 13, 10 }]);
        Assert.Equal(
            "*6\r\n$3\r\nSET\r\n$3\r\nkey\r\n$6\r\nvälue\r\n$2\r\n42\r\n$3\r\n1.5\r\n$3\r\n\0\r\n\r\n",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Large_values_are_written_whole()
    {
        var payload = new byte[1024 * 1024 + 7];
        Random.Shared.NextBytes(payload);
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(buffer, ["SET", "k", payload]);
        Assert.True(RespReader.TryRead(new ReadOnlySequence<byte>(buffer.WrittenMemory), out var parsed, out _));
        Assert.Equal(payload, parsed.Elements[2].ToBytes());
    }

    [Fact]
    public void Randomized_values_round_trip_through_writer_and_reader()
    {
        var random = new Random(12345);
        for (var round = 0; round < 500; round++)
        {
            var values = Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomValue(random, 0)).ToArray();
            var buffer = new ArrayBufferWriter<byte>();
            foreach (var value in values) RespWriter.WriteValue(buffer, value);
            var bytes = buffer.WrittenMemory.ToArray();

            // Parse from a sequence split at a random point: the result must not depend on it.
            var split = random.Next(0, bytes.Length + 1);
            var reader = new SequenceReader<byte>(split == 0 || split == bytes.Length
                ? new ReadOnlySequence<byte>(bytes)
                : TestSequence.Create(bytes.AsMemory(0, split), bytes.AsMemory(split)));
            foreach (var expected in values)
            {
                Assert.True(RespReader.TryRead(ref reader, out var actual));
                Assert.Equal(RespReaderTests.Describe(expected), RespReaderTests.Describe(actual));
            }

            Assert.Equal(bytes.Length, reader.Consumed);
        }
    }

    [Fact]
    public void Randomized_commands_round_trip_as_arrays_of_bulk_strings()
    {
        var random = new Random(777);
        for (var round = 0; round < 500; round++)
        {
            var parts = new RedisValue[random.Next(1, 8)];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = random.Next(5) switch
                {
                    0 => RandomText(random, simple: false),
                    1 => RandomBytes(random),
                    2 => random.NextInt64(long.MinValue, long.MaxValue),
                    3 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 15)),
                    _ => new ReadOnlyMemory<byte>(RandomBytes(random), 0, 0),
                };
            }

            var buffer = new ArrayBufferWriter<byte>();
            RespWriter.WriteCommand(buffer, parts);
            Assert.True(RespReader.TryRead(new ReadOnlySequence<byte>(buffer.WrittenMemory), out var parsed, out _));
            Assert.Equal(parts.Length, parsed.Elements.Count);
            for (var i = 0; i < parts.Length; i++)
            {
                Assert.Equal(parts[i].ToArray(), parsed.Elements[i].ToBytes());
            }
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, random.Next(2) == 0 ? 40 : 5000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static RedisResult RandomValue(Random random, int depth)
    {
        switch (random.Next(depth > 3 ? 5 : 7))
        {
            case 0:
                return RedisResult.SimpleString(RandomText(random, simple: true));
            case 1:
                return RedisResult.Error("ERR " + RandomText(random, simple: true));
            case 2:
                return RedisResult.FromInteger(random.NextInt64(long.MinValue, long.MaxValue));
            case 3:
                var bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                return RedisResult.Bulk(bytes);
            case 4:
                return RedisResult.Bulk(null);
            case 5:
                return RedisResult.Array(null);
            default:
                return RedisResult.Array(Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomValue(random, depth + 1)).ToArray());
        }
    }

    private static string RandomText(Random random, bool simple)
    {
        const string alphabet = "abcXYZ 019-_:é✓你";
        var chars = Enumerable.Range(0, random.Next(0, 20)).Select(_ => alphabet[random.Next(alphabet.Length)]);
        var text = new string(chars.ToArray());
        return simple ? text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal) : text;
    }
}
