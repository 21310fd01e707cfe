using System.Security.Cryptography;
using System.Text;
using ChatServer.Auth;

namespace ChatServer.Tests.Unit;

public sealed class AccessTokenCodecTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_token_names_its_user_until_it_expires()
    {
        var token = AccessTokenCodec.Create("Alice_1", Now.AddHours(1), _key);

        Assert.Equal("Alice_1", AccessTokenCodec.Read(token, _key, Now));
        Assert.Equal("Alice_1", AccessTokenCodec.Read(token, _key, Now.AddMinutes(59)));
        Assert.Null(AccessTokenCodec.Read(token, _key, Now.AddHours(1)));
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var token = AccessTokenCodec.Create("alice", Now.AddHours(1), RandomNumberGenerator.GetBytes(32));

        Assert.Null(AccessTokenCodec.Read(token, _key, Now));
    }

    [Fact]
    public void Changing_the_user_or_expiry_breaks_the_signature()
    {
        var token = AccessTokenCodec.Create("alice", Now.AddHours(1), _key);
        var signature = token[(token.IndexOf('.') + 1)..];
        var forgedPayload = Convert.ToBase64String(Encoding.UTF8.GetBytes($"1|bob|{Now.AddYears(1).ToUnixTimeSeconds()}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Null(AccessTokenCodec.Read(forgedPayload + "." + signature, _key, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("!!!.???")]
    [InlineData("a.b.c")]
    public void Garbage_is_refused_without_throwing(string token) => Assert.Null(AccessTokenCodec.Read(token, _key, Now));

    [Fact]
    public void Oversized_tokens_are_refused()
    {
        var token = AccessTokenCodec.Create(new string('a', 600), Now.AddHours(1), _key);

        Assert.Null(AccessTokenCodec.Read(token, _key, Now));
    }
}
