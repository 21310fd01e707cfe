using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatServer.Tests.Auth;

/// <summary>
/// <c>POST /api/provisioning/sessions</c>: off by default, key-protected when on, one password hash per request, and
/// an existing account gets a session only with its own password.
/// </summary>
public sealed class ProvisioningTests
{
    private const string Key = "test-provisioning-key-0123456789abcdef";
    private const string Password = "load-test-password";

    [Fact]
    public async Task A_default_server_has_no_provisioning_endpoint()
    {
        await using var app = new ChatApplication();
        using var response = await PostAsync(app, Key, ["someone"]);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(Key + "x")]
    [InlineData("test-provisioning-key")]
    public async Task Without_the_exact_key_nothing_is_created(string? key)
    {
        await using var app = Enabled();
        using var response = await PostAsync(app, key, ["keyless"]);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var login = await Assert.ThrowsAsync<ChatApiException>(() => app.Api.LoginAsync("keyless", Password));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task New_users_get_working_sessions_in_order_and_can_also_log_in_with_the_password()
    {
        await using var app = Enabled();
        string[] names = ["bulk-0", "bulk-1", "Bulk-2"];
        var sessions = await ProvisionAsync(app, names);

        Assert.Equal(names, sessions.Select(session => session.UserName));
        foreach (var session in sessions)
        {
            Assert.NotNull(await app.Api.GetRoomsAsync(session.AccessToken));
            await using var hub = app.CreateHubConnection(session.AccessToken);
            await hub.StartAsync();
            Assert.Equal(session.UserName, (await hub.JoinRoomAsync("provisioned")).Online.Single(name => name == session.UserName));
            await app.Api.RefreshAsync(session.RefreshToken);
        }

        Assert.Equal("Bulk-2", (await app.Api.LoginAsync("bulk-2", Password)).UserName);
    }

    [Fact]
    public async Task A_second_run_over_the_same_users_gets_new_sessions()
    {
        await using var app = Enabled();
        var first = await ProvisionAsync(app, ["again-0", "again-1"]);
        var second = await ProvisionAsync(app, ["again-0", "again-1", "again-2"]);

        Assert.Equal(["again-0", "again-1", "again-2"], second.Select(session => session.UserName));
        Assert.NotEqual(first[0].RefreshToken, second[0].RefreshToken);
    }

    [Fact]
    public async Task A_registered_account_gets_a_session_only_with_its_own_password()
    {
        await using var app = Enabled();
        await app.Api.RegisterAsync("real-person", "another-password");

        using var refused = await PostAsync(app, Key, ["bulk-before", "real-person"]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("real-person", (await app.Api.LoginAsync("real-person", "another-password")).UserName);
        await Assert.ThrowsAsync<ChatApiException>(() => app.Api.LoginAsync("real-person", Password));

        var own = await ProvisionAsync(app, ["real-person"], "another-password");
        Assert.Equal("real-person", Assert.Single(own).UserName);
    }

    [Theory]
    [InlineData("""{"userNames":["dup","DUP"],"password":"load-test-password"}""", "userNames")]
    [InlineData("""{"userNames":["alice\n"],"password":"load-test-password"}""", "userNames")]
    [InlineData("""{"userNames":[],"password":"load-test-password"}""", "userNames")]
    [InlineData("""{"userNames":["a1","a2","a3","a4"],"password":"load-test-password"}""", "userNames")]
    [InlineData("""{"userNames":["fine"],"password":"short"}""", "password")]
    [InlineData("""{"password":"load-test-password"}""", "userNames")]
    public async Task Bad_bodies_are_400_naming_the_field_and_create_nothing(string body, string field)
    {
        await using var app = Enabled();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/provisioning/sessions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Provisioning-Key", Key);
        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        await Assert.ThrowsAsync<ChatApiException>(() => app.Api.LoginAsync("fine", Password));
        await Assert.ThrowsAsync<ChatApiException>(() => app.Api.LoginAsync("a1", Password));
    }

    [Fact]
    public void Turning_it_on_with_a_short_key_stops_start_up()
    {
        using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:Provisioning:Enabled"] = "true", ["Chat:Provisioning:Key"] = "too-short" });
        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Chat:Provisioning:Key must be at least 32 characters", error.Message, StringComparison.Ordinal);
    }

    private static ChatApplication Enabled() => new(new Dictionary<string, string?>
    {
        ["Chat:Provisioning:Enabled"] = "true",
        ["Chat:Provisioning:Key"] = Key,
        ["Chat:Provisioning:MaxUsersPerRequest"] = "3",
    });

    private static async Task<LoginResponse[]> ProvisionAsync(ChatApplication app, string[] names, string password = Password)
    {
        using var response = await PostAsync(app, Key, names, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LoginResponse[]>())!;
    }

    private static Task<HttpResponseMessage> PostAsync(ChatApplication app, string? key, string[] names, string password = Password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/provisioning/sessions") { Content = JsonContent.Create(new { userNames = names, password }) };
        if (key is not null)
        {
            request.Headers.Add("X-Provisioning-Key", key);
        }

        return app.CreateClient().SendAsync(request);
    }
}
