using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Integration;

/// <summary>The <c>access_token</c> query parameter works on the hub's WebSocket and SSE requests only; the rest send the header.</summary>
public sealed class QueryTokenTests : IAsyncLifetime
{
    private readonly ChatApplication _app = new();
    private TestUser _user = null!;

    public async Task InitializeAsync() => _user = await _app.CreateUserAsync("query");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Negotiate_with_the_token_in_the_query_is_refused_and_with_the_header_accepted()
    {
        using var http = _app.CreateClient();
        using var inQuery = await http.PostAsync($"/hubs/chat/negotiate?negotiateVersion=1&access_token={_user.AccessToken}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);

        Assert.NotEmpty(await NegotiateAsync(http));
    }

    [Fact]
    public async Task Long_polling_with_the_token_in_the_query_is_refused_but_Server_Sent_Events_accept_it()
    {
        using var http = _app.CreateClient();
        using var poll = await http.GetAsync($"/hubs/chat?id={await NegotiateAsync(http)}&access_token={_user.AccessToken}");
        Assert.Equal(HttpStatusCode.Unauthorized, poll.StatusCode);

        using var events = new HttpRequestMessage(HttpMethod.Get, $"/hubs/chat?id={await NegotiateAsync(http)}&access_token={_user.AccessToken}");
        events.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = await http.SendAsync(events, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_WebSocket_on_a_real_socket_accepts_the_token_in_the_query()
    {
        await using var kestrel = new Browser.KestrelChatApplication();
        var baseUri = kestrel.Start();
        using var http = new HttpClient { BaseAddress = baseUri };
        var login = await new global::ChatServer.Client.ChatApiClient(http).RegisterOrLoginAsync($"ws-{Guid.NewGuid():N}"[..12], ChatApplication.Password);
        var hub = new UriBuilder(baseUri) { Scheme = "ws", Path = "/hubs/chat" };

        using var withToken = new System.Net.WebSockets.ClientWebSocket();
        hub.Query = $"access_token={login.AccessToken}";
        await withToken.ConnectAsync(hub.Uri, CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, withToken.State);

        using var without = new System.Net.WebSockets.ClientWebSocket();
        hub.Query = "access_token=not-a-token";
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => without.ConnectAsync(hub.Uri, CancellationToken.None));
    }

    private async Task<string> NegotiateAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _user.AccessToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("connectionToken").GetString()!;
    }
}
