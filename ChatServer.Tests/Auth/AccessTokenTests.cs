using System.Net;
using System.Net.Http.Headers;
using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatServer.Tests.Auth;

/// <summary>Access tokens are standard JWTs that name the account, and JwtBearer accepts nothing else.</summary>
public sealed class AccessTokenTests
{
    [Fact]
    public async Task Login_returns_a_jwt_anyone_can_read_naming_the_account_its_key_and_its_lifetime()
    {
        await using var app = new AuthTestHost(new Dictionary<string, string?> { ["Chat:Auth:Issuer"] = "chat-issuer", ["Chat:Auth:Audience"] = "chat-audience" });
        var name = SessionClient.NewName("Ann");

        var login = await app.Sessions.SignUpAsync(name);

        var (header, payload) = JwtText.Decode(login.AccessToken);
        var account = await app.Services.GetRequiredService<IUserStore>().FindAsync(name, default);
        var ring = app.Services.GetRequiredService<SigningKeyRingProvider>().Ring;
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(ring.Current!.Id, header.GetProperty("kid").GetString());
        Assert.Equal(account!.Id, payload.GetProperty("sub").GetString());
        Assert.Equal(name, payload.GetProperty("name").GetString());
        Assert.Equal("chat-issuer", payload.GetProperty("iss").GetString());
        Assert.Equal("chat-audience", payload.GetProperty("aud").GetString());
        Assert.Equal(15 * 60, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(15 * 60, login.ExpiresIn);
        Assert.InRange(payload.GetProperty("iat").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.OK, await app.Sessions.RoomsStatusAsync(login.AccessToken));
    }

    [Theory]
    [InlineData("signed with another key")]
    [InlineData("signature altered")]
    [InlineData("unsigned (alg none)")]
    [InlineData("expired")]
    [InlineData("not yet valid")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("unknown key id")]
    [InlineData("no key id")]
    [InlineData("HS512")]
    [InlineData("an account that was never registered")]
    [InlineData("another account's id")]
    [InlineData("an old security stamp")]
    public async Task A_token_that_is_not_exactly_right_is_401(string defect)
    {
        await using var app = new AuthTestHost();
        var name = SessionClient.NewName();
        var login = await app.Sessions.SignUpAsync(name);
        var other = await app.Sessions.SignUpAsync(SessionClient.NewName("other"));
        var account = (await app.Services.GetRequiredService<IUserStore>().FindAsync(name, default))!;
        var otherId = JwtText.Decode(other.AccessToken).Payload.GetProperty("sub").GetString()!;
        var key = app.Services.GetRequiredService<SigningKeyRingProvider>().Ring.Current!;
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "chatserver",
            Audience = "chatserver",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = account.Id, ["name"] = account.UserName, ["stamp"] = account.SecurityStamp },
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        };
        // The unchanged descriptor makes a token the server accepts, so each case below fails for its defect alone.
        Assert.Equal(HttpStatusCode.OK, await app.Sessions.RoomsStatusAsync(Create(descriptor)));

        var token = defect switch
        {
            "signed with another key" => Create(descriptor, new SymmetricSecurityKey(new byte[32]) { KeyId = key.Id }),
            "signature altered" => login.AccessToken[..^2] + (login.AccessToken[^2] == 'A' ? "BA" : "AA"),
            "unsigned (alg none)" => new JsonWebTokenHandler().CreateToken(Without(descriptor, d => d.SigningCredentials = null)),
            "expired" => Create(Without(descriptor, d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddMinutes(-10), now.AddMinutes(-10), now.AddMinutes(-2)))),
            "not yet valid" => Create(Without(descriptor, d => (d.NotBefore, d.Expires) = (now.AddMinutes(5), now.AddMinutes(10)))),
            "wrong audience" => Create(Without(descriptor, d => d.Audience = "someone-else")),
            "wrong issuer" => Create(Without(descriptor, d => d.Issuer = "someone-else")),
            "unknown key id" => Create(descriptor, new SymmetricSecurityKey(key.Material) { KeyId = "not-a-ring-key" }),
            "no key id" => Create(descriptor, new SymmetricSecurityKey(key.Material)),
            "HS512" => Create(Without(descriptor, d => d.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey([.. key.Material, .. key.Material]) { KeyId = key.Id }, SecurityAlgorithms.HmacSha512))),
            "an account that was never registered" => Create(Without(descriptor, d => d.Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString("N"), ["name"] = "ghost-" + Guid.NewGuid().ToString("N")[..8], ["stamp"] = "x" })),
            "another account's id" => Create(Without(descriptor, d => d.Claims["sub"] = otherId)),
            "an old security stamp" => Create(Without(descriptor, d => d.Claims["stamp"] = UserAccount.NewSecurityStamp())),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await app.Sessions.RoomsStatusAsync(token));
    }

    [Fact]
    public async Task The_query_string_token_is_not_taken_by_the_api_or_negotiate()
    {
        // Only the hub's WebSocket and SSE requests may carry it (browsers cannot set headers there); the rest send the
        // Authorization header, so tokens stay out of URLs wherever they can (QueryTokenTests covers the WebSocket).
        await using var app = new AuthTestHost();
        var login = await app.Sessions.SignUpAsync(SessionClient.NewName());
        using var http = app.CreateClient();
        var query = "access_token=" + Uri.EscapeDataString(login.AccessToken);

        using var api = await http.GetAsync("/api/rooms?" + query);
        using var negotiate = await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1&" + query, null);
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        withHeader.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login.AccessToken);
        using var headerNegotiate = await http.SendAsync(withHeader);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headerNegotiate.StatusCode);
    }

    [Fact]
    public async Task The_hub_knows_the_caller_by_the_registered_user_name_not_the_account_id()
    {
        await using var app = new AuthTestHost();
        var name = SessionClient.NewName("Mixed");
        var login = await app.Sessions.SignUpAsync(name);
        await using var hub = app.CreateHubConnection(() => login.AccessToken);
        await hub.StartAsync();
        var room = TestRooms.NewName();

        await hub.JoinRoomAsync(room);
        var sent = await hub.SendMessageAsync(room, "hello");

        Assert.Equal(name, sent.User);
    }

    private static string Create(SecurityTokenDescriptor descriptor, SecurityKey? key = null)
    {
        if (key is not null)
        {
            descriptor = Without(descriptor, d => d.SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A copy of the descriptor with one change (descriptors are mutable; each case gets its own).</summary>
    private static SecurityTokenDescriptor Without(SecurityTokenDescriptor descriptor, Action<SecurityTokenDescriptor> change)
    {
        var copy = new SecurityTokenDescriptor
        {
            Issuer = descriptor.Issuer,
            Audience = descriptor.Audience,
            IssuedAt = descriptor.IssuedAt,
            NotBefore = descriptor.NotBefore,
            Expires = descriptor.Expires,
            Claims = new Dictionary<string, object>(descriptor.Claims),
            SigningCredentials = descriptor.SigningCredentials,
        };
        change(copy);
        return copy;
    }
}
