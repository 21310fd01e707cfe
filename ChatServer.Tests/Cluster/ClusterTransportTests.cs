using System.Net;
using System.Text.Json;

namespace ChatServer.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterTransportTests(ClusterFixture cluster)
{
    private const int ConnectionsPerTransport = 6;

    private static readonly string[] Transports = ["WebSockets", "WebSocketsSkipNegotiation", "ServerSentEvents", "LongPolling"];

    [Fact]
    public async Task The_official_javascript_client_works_through_nginx_with_every_transport()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("js"), timeout.Token);

        var result = await ProcessRunner.RunAsync(
            "node",
            [RepositoryPaths.TransportScript],
            RepositoryPaths.Root,
            TimeSpan.FromSeconds(90),
            new Dictionary<string, string>
            {
                ["CHAT_URL"] = ClusterFixture.BaseUri.ToString().TrimEnd('/'),
                ["CHAT_TOKEN"] = token,
                ["CONNECTIONS_PER_TRANSPORT"] = ConnectionsPerTransport.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            timeout.Token);
        Assert.True(result.ExitCode == 0, result.Describe());

        using var output = JsonDocument.Parse(result.StandardOutput);
        var instancesByTransport = output.RootElement.GetProperty("results").EnumerateArray().ToDictionary(
            entry => entry.GetProperty("transport").GetString()!,
            entry => entry.GetProperty("instances").EnumerateArray().Select(instance => instance.GetString()!).ToList());
        Assert.Equal(Transports.Order(StringComparer.Ordinal), instancesByTransport.Keys.Order(StringComparer.Ordinal));
        foreach (var (transport, instances) in instancesByTransport)
        {
            // Each connection negotiated on one instance and ran its transport there (or it could not have
            // started), and the connections of one client address still reached more than one instance.
            Assert.Equal(ConnectionsPerTransport, instances.Count);
            Assert.All(instances, instance => Assert.Contains(instance, ClusterFixture.InstanceIds));
            Assert.True(instances.Distinct().Count() >= 2, $"{transport}: every connection landed on {instances[0]}");
        }
    }

    [Fact]
    public async Task A_negotiate_without_the_cookie_gets_one_naming_the_instance_that_answered()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("cookie"), timeout.Token);

        using var response = await NegotiateAsync(token, cookie: null, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^chat_instance=chat-[1-3]; path=/hubs; samesite=lax; httponly$", setCookie);
    }

    [Fact]
    public async Task A_negotiate_naming_an_instance_reaches_that_instance()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("sticky"), timeout.Token);

        foreach (var instance in ClusterFixture.InstanceIds)
        {
            for (var i = 0; i < 4; i++)
            {
                using var response = await NegotiateAsync(token, instance, timeout.Token);

                // The instance only sets the cookie when the request named another one.
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(response.Headers.TryGetValues("Set-Cookie", out var setCookie), $"cookie {instance} was answered with {string.Join(",", setCookie ?? [])}");
            }
        }
    }

    [Fact]
    public async Task A_cookie_naming_no_instance_falls_back_to_the_balanced_pool()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("stale"), timeout.Token);

        using var response = await NegotiateAsync(token, "chat-99", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^chat_instance=chat-[1-3];", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task Api_responses_carry_no_affinity_cookie()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/server");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("api"), CancellationToken.None));
        using var response = await cluster.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Nginx_serves_the_page_with_the_security_headers_and_keeps_access_tokens_out_of_its_log()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var page = await cluster.Http.GetAsync("/", timeout.Token);
        using var script = await cluster.Http.GetAsync("app.js", timeout.Token);
        foreach (var response in new[] { page, script })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.False(response.Headers.Contains("Server") && response.Headers.GetValues("Server").Any(v => v.Contains('/', StringComparison.Ordinal)), "nginx names its version");
        }

        // Browsers put the token in the hub request's query (WebSockets and SSE cannot send headers); nginx logs
        // the request line, whatever the hub answers.
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("redact"), timeout.Token);
        using (await cluster.Http.GetAsync($"hubs/chat?id=x&access_token={Uri.EscapeDataString(token)}&v=1", timeout.Token))
        {
        }

        var log = Path.Combine(RepositoryPaths.Root, ".cluster", "nginx.log");
        string text;
        do
        {
            await Task.Delay(100, timeout.Token);
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            text = await reader.ReadToEndAsync(timeout.Token);
        }
        while (!text.Contains("access_token=REDACTED&v=1", StringComparison.Ordinal));

        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> NegotiateAsync(string accessToken, string? cookie, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = ClusterFixture.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new("Bearer", accessToken);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", "chat_instance=" + cookie);
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
