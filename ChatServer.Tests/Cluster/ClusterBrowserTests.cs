using System.Text.Json;
using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChatServer.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterBrowserTests(ClusterFixture cluster)
{
    // Runs in the page: the client nginx serves from wwwroot/lib, each transport in turn, each connection asked
    // which instance holds it. The browser sends the affinity cookie on negotiate, WebSocket, EventSource and polls.
    private const string Script = """
        async ([token, transports]) => {
            await new Promise((resolve, reject) => {
                const script = document.createElement("script");
                script.src = "/lib/signalr.min.js";
                script.onload = resolve;
                script.onerror = () => reject(new Error("/lib/signalr.min.js did not load"));
                document.head.appendChild(script);
            });
            const results = {};
            for (const name of transports) {
                const connection = new signalR.HubConnectionBuilder()
                    .withUrl("/hubs/chat", { transport: signalR.HttpTransportType[name], accessTokenFactory: () => token })
                    .configureLogging(signalR.LogLevel.None)
                    .build();
                await connection.start();
                const server = await connection.invoke("GetServerInfo");
                results[name] = { instanceId: server.instanceId };
                await connection.stop();
            }
            return JSON.stringify({ results, cookie: document.cookie });
        }
        """;

    private static readonly string[] Transports = ["WebSockets", "ServerSentEvents", "LongPolling"];

    [Fact]
    public async Task Chromium_loads_the_client_from_nginx_and_connects_with_every_transport()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("browser"), timeout.Token);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(ClusterFixture.BaseUri.ToString());
        Assert.Equal(200, response?.Status);

        var json = await page.EvaluateAsync<string>(Script, new object[] { token, Transports }).WaitAsync(timeout.Token);

        using var result = JsonDocument.Parse(json);
        // A connection given one transport starts with that one or not at all.
        var connections = result.RootElement.GetProperty("results");
        Assert.Equal(Transports.Order(StringComparer.Ordinal), connections.EnumerateObject().Select(entry => entry.Name).Order(StringComparer.Ordinal));

        // One browser, one cookie: after the first negotiate every connection stays on the instance it names.
        var instances = connections.EnumerateObject().Select(entry => entry.Value.GetProperty("instanceId").GetString()).Distinct().ToList();
        Assert.Single(instances);
        Assert.Contains(instances[0], ClusterFixture.InstanceIds);

        // HttpOnly: page scripts cannot read (or forge) it.
        Assert.DoesNotContain("chat_instance", result.RootElement.GetProperty("cookie").GetString(), StringComparison.Ordinal);
    }
}
