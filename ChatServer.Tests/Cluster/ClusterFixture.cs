using ChatServer.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using ChatServer.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// The local cluster of <c>./cluster.sh up 3 --observe</c> (redis, chat-1..chat-3, nginx on 127.0.0.1:8080, Prometheus on
/// 127.0.0.1:9090) for the tests of <see cref="ClusterCollection"/>, stopped with <c>./cluster.sh down</c> at the end.
/// Tests reach it through nginx, except the metrics tests, which read each instance's /metrics as Prometheus does.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int InstanceCount = 3;

    private const string Password = "cluster-test-password";

    /// <summary>Each instance's drain at SIGTERM (<c>Chat__Shutdown__DrainSeconds</c>): short, so restarts and `down` stay quick.</summary>
    public const int DrainSeconds = 3;

    public static Uri BaseUri { get; } = new("http://127.0.0.1:8080/");

    public static Uri PrometheusUri { get; } = new("http://127.0.0.1:9090/");

    /// <summary>Each instance's own address (5001..), where its /metrics is served.</summary>
    public static IReadOnlyList<Uri> InstanceUris { get; } = [.. Enumerable.Range(1, InstanceCount).Select(i => new Uri($"http://127.0.0.1:{5000 + i}/"))];

    public static IReadOnlyList<string> InstanceIds { get; } = [.. Enumerable.Range(1, InstanceCount).Select(i => $"chat-{i}")];

    /// <summary>
    /// What every `up` and `restart` of these tests passes to the instances. A short drain at SIGTERM, so restarts and
    /// `down` stay quick. Every test client comes from this host, so the per-address limits (sends, register and login)
    /// are raised, and so is the cap on one user's connections: they have tests of their own (Limits/), and here dozens of
    /// users share 127.0.0.1 and some tests open sixty connections of one user.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["Chat__Shutdown__DrainSeconds"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chat__RateLimit__PerAddressMessagesPerSecond"] = "100000",
        ["Chat__RateLimit__PerAddressBurst"] = "100000",
        ["Chat__AuthLimits__AddressBurst"] = "100000",
        ["Chat__AuthLimits__AddressRefillSeconds"] = "0.001",
        ["Chat__Limits__RoomsCreatedPerHour"] = "1000000",
        ["Chat__Limits__MaxConnectionsPerUser"] = "1000",
    };

    /// <summary>No cookies: every request is balanced by nginx as a new client's would be.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(ClusterScript.UpTimeout * 2);

        // A cluster left behind by an aborted run of these tests would hold the ports.
        await ClusterScript.DownAsync(timeout.Token);
        await ClusterScript.UpAsync(InstanceCount, timeout.Token, Environment, observe: true);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(ClusterScript.QuickTimeout);
        await ClusterScript.DownAsync(timeout.Token);
    }

    /// <summary>Back to three live instances after a test killed one.</summary>
    public static async Task RestartAsync(CancellationToken cancellationToken)
    {
        await ClusterScript.DownAsync(cancellationToken);
        await ClusterScript.UpAsync(InstanceCount, cancellationToken, Environment, observe: true);
    }

    /// <summary>
    /// Registers (if needed) and logs in through nginx. The instances share users and the token-signing key through
    /// Redis, so registration and login may land on different instances and the token works on all of them.
    /// </summary>
    public Task<string> GetAccessTokenAsync(string userName, CancellationToken cancellationToken) => GetAccessTokenAsync(Http, userName, cancellationToken);

    /// <summary>Registers (if needed) and logs in through <paramref name="http"/> (nginx, for a cluster of another fixture).</summary>
    public static async Task<string> GetAccessTokenAsync(HttpClient http, string userName, CancellationToken cancellationToken)
    {
        var credentials = new { userName, password = Password };
        using (var registered = await http.PostAsJsonAsync("api/auth/register", credentials, cancellationToken))
        {
            Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"register answered {registered.StatusCode}");
        }

        using var login = await http.PostAsJsonAsync("api/auth/login", credentials, cancellationToken);
        login.EnsureSuccessStatusCode();
        var body = await login.Content.ReadFromJsonAsync<LoginResponse>(cancellationToken);
        return body?.AccessToken ?? throw new InvalidOperationException("login returned no body");
    }

    /// <summary><c>GET /api/server</c> (it needs a token) through <paramref name="http"/>: which instance nginx chose.</summary>
    public static async Task<ServerInfo> GetServerInfoAsync(HttpClient http, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/server");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ServerInfo>(cancellationToken) ?? throw new InvalidOperationException("GET /api/server returned no body");
    }

    /// <summary>A .NET client over a direct WebSocket through nginx (no negotiate, so no affinity needed).</summary>
    public static ChatClient CreateHubConnection(string accessToken, TimeSpan[]? reconnectDelays = null) =>
        TestClients.Create(BaseUri, accessToken, reconnectDelays);

    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..24];
}
