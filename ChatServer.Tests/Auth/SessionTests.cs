using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatServer.Tests.Browser;

namespace ChatServer.Tests.Auth;

/// <summary>Sessions over HTTP: rotating refresh tokens, reuse detection, logout, and the bodies they accept.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_refresh_gives_a_new_pair_and_the_old_refresh_token_stops_working()
    {
        await using var app = new AuthTestHost();
        var sessions = app.Sessions;
        var login = await sessions.SignUpAsync(SessionClient.NewName());

        var refreshed = await sessions.RefreshAsync(login.RefreshToken);

        Assert.Equal(login.UserName, refreshed.UserName);
        Assert.Equal(login.ExpiresIn, refreshed.ExpiresIn);
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(login.AccessToken, refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, await sessions.RoomsStatusAsync(refreshed.AccessToken));
        // The family stays the same: the part before the dot names it.
        Assert.Equal(login.RefreshToken.Split('.')[0], refreshed.RefreshToken.Split('.')[0]);
        var again = await sessions.RefreshAsync(refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await sessions.RoomsStatusAsync(again.AccessToken));
    }

    [Fact]
    public async Task Reusing_a_replaced_refresh_token_revokes_the_whole_family_but_not_other_sessions()
    {
        await using var app = new AuthTestHost();
        var sessions = app.Sessions;
        var name = SessionClient.NewName();
        var stolen = await sessions.SignUpAsync(name);
        var otherTab = await sessions.LoginAsync(name);
        var legitimate = await sessions.RefreshAsync(stolen.RefreshToken);

        var replay = await sessions.RefreshStatusAsync(stolen.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay);
        Assert.Equal(HttpStatusCode.Unauthorized, await sessions.RefreshStatusAsync(legitimate.RefreshToken));
        Assert.Equal(name, (await sessions.RefreshAsync(otherTab.RefreshToken)).UserName);
    }

    [Fact]
    public async Task Logout_ends_the_session_of_its_refresh_token_and_needs_the_callers_access_token()
    {
        await using var app = new AuthTestHost();
        var sessions = app.Sessions;
        var name = SessionClient.NewName();
        var login = await sessions.SignUpAsync(name);
        var otherTab = await sessions.LoginAsync(name);
        var stranger = await sessions.SignUpAsync(SessionClient.NewName("stranger"));

        Assert.Equal(HttpStatusCode.Unauthorized, await sessions.LogoutAsync(null, login.RefreshToken));
        // Someone else's access token cannot end this session (and learns nothing: 204 either way).
        Assert.Equal(HttpStatusCode.NoContent, await sessions.LogoutAsync(stranger.AccessToken, login.RefreshToken));
        var refreshed = await sessions.RefreshAsync(login.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, await sessions.LogoutAsync(refreshed.AccessToken, refreshed.RefreshToken));

        Assert.Equal(HttpStatusCode.Unauthorized, await sessions.RefreshStatusAsync(refreshed.RefreshToken));
        Assert.Equal(HttpStatusCode.NoContent, await sessions.LogoutAsync(refreshed.AccessToken, refreshed.RefreshToken));
        Assert.Equal(name, (await sessions.RefreshAsync(otherTab.RefreshToken)).UserName);
    }

    [Theory]
    [InlineData("/api/auth/refresh", """{}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/refresh", """{"refreshToken":""}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/refresh", """{"refreshToken":12}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/refresh", "not json", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/refresh", """{"refreshToken":"LONG"}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/refresh", """{"refreshToken":"not-a-refresh-token"}""", HttpStatusCode.Unauthorized)]
    [InlineData("/api/auth/refresh", """{"refreshToken":"AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", HttpStatusCode.Unauthorized)]
    [InlineData("/api/auth/logout", """{}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/logout", """{"refreshToken":"LONG"}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/logout", """{"refreshToken":"not-a-refresh-token"}""", HttpStatusCode.NoContent)]
    public async Task Refresh_and_logout_bodies_are_checked_with_problems_that_say_what_is_wrong(string path, string body, HttpStatusCode expected)
    {
        await using var app = new AuthTestHost();
        var login = await app.Sessions.SignUpAsync(SessionClient.NewName());
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", login.AccessToken);

        using var response = await http.PostAsync(path, new StringContent(body.Replace("LONG", new string('a', 129), StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.NoContent)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        if (expected == HttpStatusCode.BadRequest && body.StartsWith('{') && !body.Contains("12", StringComparison.Ordinal))
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("refreshToken", out _), problem.GetRawText());
        }
    }

    [Fact]
    public async Task An_auth_body_larger_than_the_cap_is_refused_before_it_is_read()
    {
        // On Kestrel: TestServer has no request body limit to apply.
        await using var app = new KestrelChatApplication();
        using var http = new HttpClient { BaseAddress = app.Start() };
        var body = $$"""{"refreshToken":"{{new string('a', 20_000)}}"}""";

        using var response = await http.PostAsync("api/auth/refresh", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
