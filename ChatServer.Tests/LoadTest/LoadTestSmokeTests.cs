using System.Net;
using ChatServer.LoadTest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.LoadTest;

/// <summary>
/// The CI smoke run: a real Kestrel server on a free loopback port (rate limit raised through configuration), the
/// tool's own entry point against it, and the JSON it writes. Asserts correctness only, never speed.
/// </summary>
public sealed class LoadTestSmokeTests
{
    [Theory]
    [InlineData("hub")]
    [InlineData("raw")]
    public async Task A_short_run_against_a_real_server_loses_duplicates_and_reorders_nothing(string client)
    {
        await using var server = new KestrelChatServer();
        var baseUri = server.Start();

        using var run = await LoadToolRun.StartAsync(
            [
                "--url", baseUri.ToString(), "--clients", "20", "--rooms", "4", "--rate", "100",
                "--duration", "5s", "--warmup", "1s", "--drain", "10s", "--client", client,
            ],
            TimeSpan.FromMinutes(2));

        run.AssertPassed();
        Assert.Equal(20, run.Number("connected"));
        Assert.Equal(0, run.Number("failedConnections"));
        Assert.Equal(0, run.Number("lost"));
        Assert.Equal(0, run.Number("duplicates"));
        Assert.Equal(0, run.Number("outOfOrder"));
        Assert.True(run.Number("acked") > 0, run.Output);

        // Every acknowledged message reaches the 5 members of its room, the sender included.
        Assert.Equal(run.Number("acked") * 5, run.Number("expectedDeliveries"));
        Assert.Equal(run.Number("expectedDeliveries"), run.Number("delivered"));
        Assert.Equal(20, run.ClientsPerInstance().Values.Sum());
        Assert.Equal(client, run.Json.GetProperty("options").GetProperty("client").GetString());
    }

    [Fact]
    public async Task With_server_metrics_the_servers_view_matches_what_the_clients_counted()
    {
        await using var server = new KestrelChatServer();
        var baseUri = server.Start();

        using var run = await LoadToolRun.StartAsync(
            [
                "--url", baseUri.ToString(), "--clients", "12", "--rooms", "3", "--rate", "60",
                "--duration", "3s", "--warmup", "1s", "--drain", "10s", "--server-metrics", baseUri.ToString(),
            ],
            TimeSpan.FromMinutes(2));

        run.AssertPassed();
        var view = run.Json.GetProperty("server");

        // Read before the first send and after the drain: exactly the run's sends and deliveries.
        Assert.Equal(run.Number("acked"), view.GetProperty("stored").GetInt64());
        Assert.Equal(run.Number("delivered"), view.GetProperty("delivered").GetInt64());
        Assert.True(view.GetProperty("sendP99Ms").GetDouble() > 0, run.Output);
        Assert.True(view.GetProperty("deliveryLagP99Ms").GetDouble() > 0, run.Output);
        Assert.Equal(0, view.GetProperty("redisErrors").GetInt64());
        var instance = Assert.Single(view.GetProperty("instances").EnumerateArray());
        Assert.Equal(run.ClientsPerInstance().Keys.Single(), instance.GetProperty("instance").GetString());
        Assert.Equal(12, instance.GetProperty("connections").GetInt64());
        Assert.Contains("acked by clients / stored by servers", run.Output, StringComparison.Ordinal);
        Assert.Contains("deliveries per instance (server)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_provisioning_key_the_users_come_in_bulk_and_a_wrong_key_fails_them_all()
    {
        const string key = "smoke-provisioning-key-0123456789abcdef";
        await using var server = new KestrelChatServer(provisioningKey: key);
        var baseUri = server.Start();
        string[] common = ["--url", baseUri.ToString(), "--clients", "10", "--rooms", "2", "--rate", "40", "--duration", "2s", "--warmup", "1s", "--drain", "10s"];

        using var wrong = await LoadToolRun.StartAsync([.. common, "--provision-key", key + "x"], TimeSpan.FromMinutes(1));
        Assert.NotEqual(LoadTestCommand.ExitPassed, wrong.ExitCode);
        Assert.Equal(10, wrong.Json.GetProperty("connectErrors").GetProperty("provision: http 401").GetInt64());

        using var run = await LoadToolRun.StartAsync([.. common, "--provision-key", key], TimeSpan.FromMinutes(2));
        run.AssertPassed();
        Assert.Equal(10, run.Number("connected"));
        Assert.Equal(0, run.Number("lost"));
        Assert.True(run.Number("acked") > 0, run.Output);
    }

    [Fact]
    public async Task Unreachable_server_fails_every_connection_with_a_non_zero_exit_code()
    {
        // A port nothing listens on: bind, read the port, release it.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var run = await LoadToolRun.StartAsync(
            ["--url", $"http://127.0.0.1:{port}", "--clients", "2", "--rooms", "1", "--duration", "1s", "--warmup", "0s", "--drain", "1s"],
            TimeSpan.FromMinutes(1));

        Assert.NotEqual(LoadTestCommand.ExitPassed, run.ExitCode);
    }

    /// <summary>The real server on Kestrel at 127.0.0.1:0, with a per-user rate limit no smoke run reaches.</summary>
    private sealed class KestrelChatServer(string? provisioningKey = null) : WebApplicationFactory<Program>
    {
        public Uri Start()
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Chat:RateLimit:MessagesPerSecond", "100000");
            builder.UseSetting("Chat:RateLimit:Burst", "100000");
            builder.UseSetting("Chat:RateLimit:PerAddressMessagesPerSecond", "100000");
            builder.UseSetting("Chat:RateLimit:PerAddressBurst", "100000");
            builder.UseSetting("Chat:AuthLimits:AddressBurst", "100000");
            builder.UseSetting("Chat:AuthLimits:AddressRefillSeconds", "0.001");
            if (provisioningKey is not null)
            {
                builder.UseSetting("Chat:Provisioning:Enabled", "true");
                builder.UseSetting("Chat:Provisioning:Key", provisioningKey);
            }
        }
    }
}
