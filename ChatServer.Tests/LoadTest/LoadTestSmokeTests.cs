using System.Net;
using System.Text.Json;
using ChatServer.LoadTest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

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
        var jsonPath = Path.Combine(Path.GetTempPath(), $"loadtest-smoke-{Guid.NewGuid():N}.json");
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        try
        {
            var exitCode = await LoadTestCommand.RunAsync(
                [
                    "--url", baseUri.ToString(), "--clients", "20", "--rooms", "4", "--rate", "100",
                    "--duration", "5s", "--warmup", "1s", "--drain", "10s", "--json", jsonPath, "--client", client,
                ],
                console,
                timeout.Token);

            Assert.True(exitCode == LoadTestCommand.ExitPassed, "exit code " + exitCode + "\n" + output);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, timeout.Token));
            var root = json.RootElement;
            Assert.Equal(20, root.GetProperty("connected").GetInt32());
            Assert.Equal(0, root.GetProperty("failedConnections").GetInt64());
            Assert.Equal(0, root.GetProperty("lost").GetInt64());
            Assert.Equal(0, root.GetProperty("duplicates").GetInt64());
            Assert.Equal(0, root.GetProperty("outOfOrder").GetInt64());
            Assert.True(root.GetProperty("acked").GetInt64() > 0, output.ToString());

            // Every acknowledged message reaches the 5 members of its room, the sender included.
            Assert.Equal(root.GetProperty("acked").GetInt64() * 5, root.GetProperty("expectedDeliveries").GetInt64());
            Assert.Equal(root.GetProperty("expectedDeliveries").GetInt64(), root.GetProperty("delivered").GetInt64());
            Assert.Equal(20, root.GetProperty("instances").EnumerateObject().Sum(p => p.Value.GetInt32()));
            Assert.Equal(client, root.GetProperty("options").GetProperty("client").GetString());
        }
        finally
        {
            File.Delete(jsonPath);
        }
    }

    [Fact]
    public async Task Unreachable_server_fails_every_connection_with_a_non_zero_exit_code()
    {
        // A port nothing listens on: bind, read the port, release it.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var exitCode = await LoadTestCommand.RunAsync(
            ["--url", $"http://127.0.0.1:{port}", "--clients", "2", "--rooms", "1", "--duration", "1s", "--warmup", "0s", "--drain", "1s"],
            console,
            timeout.Token);

        Assert.NotEqual(LoadTestCommand.ExitPassed, exitCode);
    }

    /// <summary>The real server on Kestrel at 127.0.0.1:0, with a per-user rate limit no smoke run reaches.</summary>
    private sealed class KestrelChatServer : WebApplicationFactory<Program>
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
        }
    }
}
