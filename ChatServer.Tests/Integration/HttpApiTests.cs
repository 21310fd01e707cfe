using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Integration;

public sealed class HttpApiTests
{
    [Fact]
    public async Task Register_then_login_returns_a_bearer_token_for_the_registered_name()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();
        var name = "Ann-" + Guid.NewGuid().ToString("N")[..8];

        using var registered = await http.PostAsJsonAsync("/api/auth/register", new { userName = name, password = ChatApplication.Password });
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = name.ToUpperInvariant(), password = ChatApplication.Password });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(name, (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await login.Content.ReadFromJsonAsync<LoginResponse>();
        Assert.NotNull(body);
        Assert.Equal(name, body.UserName);
        Assert.False(string.IsNullOrEmpty(body.AccessToken));
        Assert.True(body.ExpiresIn > 0);
    }

    [Fact]
    public async Task A_name_taken_in_any_case_is_a_conflict()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();
        var name = "bob-" + Guid.NewGuid().ToString("N")[..8];
        using var first = await http.PostAsJsonAsync("/api/auth/register", new { userName = name, password = ChatApplication.Password });

        using var second = await http.PostAsJsonAsync("/api/auth/register", new { userName = name.ToUpperInvariant(), password = "another-password" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"userName":"x","password":"long-enough"}""", "userName")]
    [InlineData("""{"userName":"has space","password":"long-enough"}""", "userName")]
    [InlineData("""{"userName":"alice\n","password":"long-enough"}""", "userName")]
    [InlineData("""{"userName":"valid-name","password":"short"}""", "password")]
    [InlineData("""{"password":"long-enough"}""", "userName")]
    [InlineData("""{"userName":"valid-name"}""", "password")]
    public async Task Invalid_registrations_are_a_400_problem_naming_the_field(string json, string field)
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();

        using var response = await http.PostAsync("/api/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(field, problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"userName": 12, "password": true}""")]
    public async Task A_malformed_body_is_a_400_problem(string body)
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();

        using var response = await http.PostAsync("/api/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_are_both_401()
    {
        await using var app = new ChatApplication();
        var user = await app.CreateUserAsync();
        using var http = app.CreateClient();

        using var wrong = await http.PostAsJsonAsync("/api/auth/login", new { userName = user.Name, password = "wrong-password" });
        using var unknown = await http.PostAsJsonAsync("/api/auth/login", new { userName = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "whatever-long" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Rooms_and_messages_need_a_valid_token()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();

        using var none = await http.GetAsync("/api/rooms");
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/rooms/general/messages");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var forgedResponse = await http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
    }

    [Fact]
    public async Task Messages_page_backwards_over_http_oldest_first()
    {
        await using var app = new ChatApplication();
        var alice = await app.CreateUserAsync("alice");
        var room = "http-" + Guid.NewGuid().ToString("N")[..8];
        await using (var tab = await alice.ConnectAsync())
        {
            await tab.Hub.JoinRoomAsync(room);
            for (var i = 0; i < 7; i++)
            {
                await tab.Hub.SendMessageAsync(room, $"m{i}");
            }
        }

        var latest = await app.Api.GetMessagesAsync(alice.AccessToken, room, limit: 3);
        var older = await app.Api.GetMessagesAsync(alice.AccessToken, room, before: latest.Messages[0].Id, limit: 100);

        Assert.Equal(["m4", "m5", "m6"], latest.Messages.Select(m => m.Text));
        Assert.True(latest.HasMore);
        Assert.Equal(["m0", "m1", "m2", "m3"], older.Messages.Select(m => m.Text));
        Assert.False(older.HasMore);
        Assert.Contains(await app.Api.GetRoomsAsync(alice.AccessToken), r => r.Room == room);
    }

    [Theory]
    [InlineData("/api/rooms/general/messages?before=yesterday")]
    [InlineData("/api/rooms/general/messages?limit=0")]
    [InlineData("/api/rooms/general/messages?limit=101")]
    [InlineData("/api/rooms/General/messages")]
    [InlineData("/api/rooms/dm:zed:bob/messages")]
    public async Task Bad_history_requests_are_400_problems(string path)
    {
        await using var app = new ChatApplication();
        var user = await app.CreateUserAsync();

        var error = await Assert.ThrowsAsync<ChatApiException>(() => GetAsync(app, user, path));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Reading_someone_elses_direct_room_is_forbidden()
    {
        await using var app = new ChatApplication();
        var carol = await app.CreateUserAsync("carol");

        var error = await Assert.ThrowsAsync<ChatApiException>(() => app.Api.GetMessagesAsync(carol.AccessToken, "dm:alice:bob"));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Server_info_needs_a_token_and_health_answers_without_one()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();
        var user = await app.CreateUserAsync("info");

        using var anonymous = await http.GetAsync("/api/server");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var info = await app.Api.GetServerInfoAsync(user.AccessToken);
        using var live = await http.GetAsync("/health/live");
        using var ready = await http.GetAsync("/health/ready");

        Assert.Equal(new ServerInfo("test-instance", "memory"), info);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task The_chat_page_and_the_javascript_client_are_served()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();

        using var page = await http.GetAsync("/");
        using var client = await http.GetAsync("/lib/signalr.min.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        Assert.Contains("signalR", await client.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> GetAsync(ChatApplication app, TestUser user, string path)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new ChatApiException(response.StatusCode, body);
    }
}
