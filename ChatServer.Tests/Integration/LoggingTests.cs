using System.Net.Http.Headers;
using System.Text.Json;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Integration;

/// <summary>The log a real ChatServer process writes: readable lines by default, compact JSON for log shippers.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Started_from_another_directory_the_server_reads_its_own_settings_and_logs_no_token()
    {
        var elsewhere = Directory.CreateTempSubdirectory("chat-cwd-");
        try
        {
            await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string>(), elsewhere.FullName);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            const string secret = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";

            using (await http.GetAsync($"hubs/chat?id=x&access_token={secret}"))
            using (await http.GetAsync($"hubs/chat/negotiate?access_token={secret}"))
            {
            }

            // appsettings.json next to the binary sets Microsoft.* to Warning: without it the hosting log would print
            // every request's full URL at Information, token and all.
            await Task.Delay(500);
            Assert.DoesNotContain(secret, server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Request starting", server.Output, StringComparison.Ordinal);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Json_format_writes_one_json_event_per_line_and_requests_carry_instance_user_and_connection()
    {
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Chat__Logging__Format"] = "json",
            ["Chat__InstanceId"] = "json-logs",
        });
        var user = await GetRoomsAsAsync(server);

        var events = await Eventually.ReturnsAsync(
            () => Task.FromResult(ParseAll(server.Output)),
            all => all.Any(e => IsRoomsRequest(e)),
            TimeSpan.FromSeconds(10),
            "the request's log event");

        Assert.All(events, e => Assert.Equal("json-logs", e.GetProperty("InstanceId").GetString()));
        var request = events.Single(IsRoomsRequest);
        Assert.Equal(user, request.GetProperty("UserName").GetString());
        Assert.False(string.IsNullOrEmpty(request.GetProperty("ConnectionId").GetString()));
        Assert.Equal(200, request.GetProperty("StatusCode").GetInt32());
        Assert.Contains("HTTP GET /api/rooms responded 200", request.GetProperty("@m").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_format_is_the_default_and_names_the_request_its_user_and_the_instance()
    {
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string> { ["Chat__InstanceId"] = "text-logs" });
        var user = await GetRoomsAsAsync(server);

        var line = await Eventually.ReturnsAsync(
            () => Task.FromResult(server.Output.Split('\n').FirstOrDefault(l => l.Contains("HTTP GET /api/rooms responded 200", StringComparison.Ordinal))),
            found => found is not null,
            TimeSpan.FromSeconds(10),
            "the request's log line");

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INF \[text-logs\] ", line);
        Assert.Contains($"\"UserName\": \"{user}\"", line, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(line!));
    }

    [Fact]
    public async Task An_unknown_format_stops_start_up_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ChatServerProcess.StartAsync(new Dictionary<string, string> { ["Chat__Logging__Format"] = "xml" }));

        Assert.Contains("Chat:Logging:Format must be 'text' or 'json'", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> GetRoomsAsAsync(ChatServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await new ChatApiClient(http).RegisterOrLoginAsync("log-" + Guid.NewGuid().ToString("N")[..8], ChatApplication.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/rooms");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return login.UserName;
    }

    private static bool IsRoomsRequest(JsonElement e) =>
        e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/api/rooms";

    private static List<JsonElement> ParseAll(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
}
