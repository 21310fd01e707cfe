using System.Net;
using System.Net.Http.Json;
using ChatServer.Client;
using ChatServer.Contracts;
using ChatServer.Tests.Browser;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;

namespace ChatServer.Tests.Limits;

/// <summary>
/// The app on a real Kestrel port with the given limits. Requests come from 127.0.0.1, a trusted proxy by default, so
/// a test plays different clients by sending <c>X-Forwarded-For</c> as nginx would.
/// </summary>
internal sealed class LimitedServer : IAsyncDisposable
{
    private readonly KestrelChatApplication _app;
    private readonly HttpClient _http;

    public LimitedServer(IReadOnlyDictionary<string, string?> settings)
    {
        _app = new KestrelChatApplication(settings);
        BaseUri = _app.Start();
        _http = new HttpClient { BaseAddress = BaseUri };
    }

    public Uri BaseUri { get; }

    public IServiceProvider Services => _app.Services;

    public Task<HttpResponseMessage> RegisterAsync(string userName, string? forwardedFor = null, string password = ChatApplication.Password) =>
        PostAsync("/api/auth/register", new Credentials(userName, password), forwardedFor);

    public Task<HttpResponseMessage> LoginAsync(string userName, string password, string? forwardedFor = null) =>
        PostAsync("/api/auth/login", new Credentials(userName, password), forwardedFor);

    /// <summary>Registers and logs in a new user from <paramref name="forwardedFor"/>; returns the name and access token.</summary>
    public async Task<(string UserName, string AccessToken)> CreateUserAsync(string prefix, string? forwardedFor = null)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(name, forwardedFor)).StatusCode);
        var login = await LoginAsync(name, ChatApplication.Password, forwardedFor);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (name, (await login.Content.ReadFromJsonAsync<LoginResponse>())!.AccessToken);
    }

    /// <summary>A started hub connection (WebSocket) that says it comes from <paramref name="forwardedFor"/>.</summary>
    public async Task<RecordedConnection> ConnectAsync(string accessToken, string? forwardedFor = null)
    {
        var client = new ChatClient(new ChatClientOptions
        {
            ServerUri = BaseUri,
            AccessTokenProvider = _ => Task.FromResult<string?>(accessToken),
            Transports = HttpTransportType.WebSockets,
            SkipNegotiation = true,
            ReconnectDelays = [],
            ConfigureHttpConnection = http =>
            {
                if (forwardedFor is not null) http.Headers["X-Forwarded-For"] = forwardedFor;
            },
        });
        var connection = new RecordedConnection(client);
        await client.StartAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await _http.SendAsync(request);
    }
}
