using ChatServer.Chat;

namespace ChatServer.Tests.Unit;

public sealed class MessageIdTests
{
    [Theory]
    [InlineData("0-0", 0, 0)]
    [InlineData("1700000000000-0", 1700000000000, 0)]
    [InlineData("1700000000000-42", 1700000000000, 42)]
    [InlineData("9223372036854775807-9223372036854775807", long.MaxValue, long.MaxValue)]
    public void Parses_digits_dash_digits(string text, long milliseconds, long sequence)
    {
        Assert.True(MessageId.TryParse(text, out var id));
        Assert.Equal(new MessageId(milliseconds, sequence), id);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("1")]
    [InlineData("1-2-3")]
    [InlineData("a-1")]
    [InlineData("1-b")]
    [InlineData(" 1-2")]
    [InlineData("+1-2")]
    [InlineData("1--2")]
    [InlineData("١-٢")]
    [InlineData("99999999999999999999-0")]
    public void Rejects_anything_else(string? text) => Assert.False(MessageId.TryParse(text, out _));

    [Fact]
    public void Parse_reads_a_well_formed_id_and_names_a_malformed_one()
    {
        Assert.Equal(new MessageId(1700000000000, 3), MessageId.Parse("1700000000000-3"));
        var error = Assert.Throws<FormatException>(() => MessageId.Parse("17-x"));
        Assert.Contains("'17-x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_by_milliseconds_then_sequence()
    {
        var ids = new[] { new MessageId(2, 0), new MessageId(1, 10), new MessageId(1, 2), new MessageId(10, 0) };

        Assert.Equal([new MessageId(1, 2), new MessageId(1, 10), new MessageId(2, 0), new MessageId(10, 0)], ids.Order());
        Assert.True(new MessageId(1, 10) < new MessageId(2, 0));
        Assert.True(new MessageId(5, 1) >= new MessageId(5, 1));
    }

    [Fact]
    public void Next_and_previous_are_the_adjacent_ids()
    {
        Assert.Equal(new MessageId(5, 1), new MessageId(5, 0).Next());
        Assert.Equal(new MessageId(6, 0), new MessageId(5, long.MaxValue).Next());
        Assert.Equal(new MessageId(5, 0), new MessageId(5, 1).Previous());
        Assert.Equal(new MessageId(4, long.MaxValue), new MessageId(5, 0).Previous());
        Assert.Null(new MessageId(0, 0).Previous());
        Assert.Null(new MessageId(long.MaxValue, long.MaxValue).Next());
        Assert.Equal(new MessageId(long.MaxValue, 0), new MessageId(long.MaxValue - 1, long.MaxValue).Next());
    }

    [Fact]
    public void Timestamp_is_the_utc_millisecond_part()
    {
        var id = new MessageId(1_700_000_000_123, 7);

        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 123, DateTimeKind.Utc), id.Timestamp);
        Assert.Equal(DateTimeKind.Utc, id.Timestamp.Kind);
    }
}
