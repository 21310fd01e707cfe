using ChatServer.Chat;

namespace ChatServer.Tests.Unit;

public sealed class ChatValidationTests
{
    [Theory]
    [InlineData("al", true)]
    [InlineData("Alice_1.b-c", true)]
    [InlineData("abcdefghijabcdefghijabcdefghij12", true)]
    [InlineData("a", false)]
    [InlineData("abcdefghijabcdefghijabcdefghij123", false)]
    [InlineData("al ice", false)]
    [InlineData("alice:bob", false)]
    [InlineData("ålice", false)]
    [InlineData("alice\n", false)]
    [InlineData("alice\r\n", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void User_names_follow_the_contract(string? name, bool valid) => Assert.Equal(valid, ChatValidation.IsValidUserName(name));

    [Theory]
    [InlineData(null, false)]
    [InlineData("1234567", false)]
    [InlineData("12345678", true)]
    public void Passwords_need_eight_characters(string? password, bool valid) => Assert.Equal(valid, ChatValidation.PasswordError(password) is null);

    [Fact]
    public void Passwords_are_capped()
    {
        Assert.Null(ChatValidation.PasswordError(new string('p', 128)));
        Assert.NotNull(ChatValidation.PasswordError(new string('p', 129)));
    }

    [Fact]
    public void Text_is_trimmed_and_must_not_be_empty()
    {
        Assert.Equal("hi there", ChatValidation.ValidateText("  hi there \n"));
        Assert.Equal("Message is empty", Assert.Throws<ChatException>(() => ChatValidation.ValidateText(" \t\n ")).Message);
        Assert.Equal(ChatErrorKind.Invalid, Assert.Throws<ChatException>(() => ChatValidation.ValidateText(null)).Kind);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u2060\u2060")]
    [InlineData("\uFEFF")]
    [InlineData("\u200F\u200E")]
    [InlineData("\u3164\u3164")]
    [InlineData("\u2800")]
    [InlineData("\u0301\u0301")]
    [InlineData(" \u200B \u00A0\u3000 ")]
    public void Text_made_only_of_invisible_characters_is_empty(string text) =>
        Assert.Equal("Message is empty", Assert.Throws<ChatException>(() => ChatValidation.ValidateText(text)).Message);

    [Theory]
    [InlineData("\u200Bhi")]
    [InlineData("e\u0301")]
    [InlineData("\U0001F600")]
    [InlineData("\u3164x")]
    public void One_visible_character_is_enough(string text) => Assert.Equal(text, ChatValidation.ValidateText(text));

    [Fact]
    public void Length_counts_what_a_person_sees_and_a_byte_cap_bounds_the_rest()
    {
        // 4000 emoji are 8000 UTF-16 units and 16,000 bytes: allowed; one more is too many characters.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 4000));
        Assert.Equal(emoji, ChatValidation.ValidateText(emoji));
        Assert.Contains("max 4000 characters", Assert.Throws<ChatException>(() => ChatValidation.ValidateText(emoji + "\U0001F600")).Message, StringComparison.Ordinal);

        // One "character" that carries thousands of combining marks is stopped by the byte cap.
        var heavy = "a" + string.Concat(Enumerable.Repeat("\u0301", 9000));
        Assert.Contains("bytes of UTF-8", Assert.Throws<ChatException>(() => ChatValidation.ValidateText(heavy)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_may_have_4000_characters_after_trimming_and_no_more()
    {
        Assert.Equal(4000, ChatValidation.ValidateText("  " + new string('x', 4000) + "  ").Length);
        var error = Assert.Throws<ChatException>(() => ChatValidation.ValidateText(new string('x', 4001)));
        Assert.Equal("Message is too long (max 4000 characters)", error.Message);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("a", true)]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", true)]
    [InlineData("", false)]
    [InlineData("line\nbreak", false)]
    public void Client_message_ids_are_optional_and_printable(string? id, bool valid)
    {
        if (valid)
        {
            Assert.Equal(id, ChatValidation.ValidateClientMessageId(id));
        }
        else
        {
            Assert.Throws<ChatException>(() => ChatValidation.ValidateClientMessageId(id));
        }
    }

    [Fact]
    public void Client_message_ids_are_capped_at_64_characters()
    {
        Assert.NotNull(ChatValidation.ValidateClientMessageId(new string('c', 64)));
        Assert.Contains("1 to 64", Assert.Throws<ChatException>(() => ChatValidation.ValidateClientMessageId(new string('c', 65))).Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(101, false)]
    [InlineData(-5, false)]
    public void History_limits_are_1_to_100(int limit, bool valid)
    {
        if (valid)
        {
            Assert.Equal(limit, ChatValidation.ValidateLimit(limit));
        }
        else
        {
            Assert.Equal("limit must be between 1 and 100", Assert.Throws<ChatException>(() => ChatValidation.ValidateLimit(limit)).Message);
        }
    }

    [Fact]
    public void An_id_argument_that_is_not_an_id_is_an_error_naming_the_argument()
    {
        Assert.Null(ChatValidation.ParseOptionalId(null, "sinceId"));
        Assert.Equal(new MessageId(12, 3), ChatValidation.ParseOptionalId("12-3", "sinceId"));

        var error = Assert.Throws<ChatException>(() => ChatValidation.ParseOptionalId("latest", "beforeId"));

        Assert.Contains("beforeId", error.Message);
        Assert.Contains("'latest'", error.Message);
    }
}
