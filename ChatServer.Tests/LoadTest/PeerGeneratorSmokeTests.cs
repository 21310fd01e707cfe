using System.Text.Json;
using ChatServer.Tests.Browser;
using ChatServer.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChatServer.Tests.LoadTest;

/// <summary>
/// bench/peer/generator.mjs (the Node generator bench/peer.sh drives every target with) against the real app on a
/// real Kestrel port, two generator processes, a short run: its accounting and its JSON, never its speed.
/// </summary>
public sealed class PeerGeneratorSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_generator_processes_account_for_every_delivery_and_write_the_load_tools_fields()
    {
        var root = KestrelChatApplication.FindRepositoryRoot()
            ?? throw new InvalidOperationException($"ChatServer.sln not found above {AppContext.BaseDirectory}");
        var generator = Path.Combine(root.FullName, "bench", "peer", "generator.mjs");
        Assert.True(File.Exists(Path.Combine(root.FullName, "node_modules", "socket.io-client", "package.json")),
            $"node_modules lacks the peer packages in {root.FullName}: run 'npm ci' in the repository root");
        var json = Path.Combine(Path.GetTempPath(), $"peer-generator-{Guid.NewGuid():N}.json");

        await using var app = new KestrelChatApplication(new Dictionary<string, string?>
        {
            ["Chat:RateLimit:MessagesPerSecond"] = "100000",
            ["Chat:RateLimit:Burst"] = "100000",
        });
        var baseAddress = app.Start();

        try
        {
            var result = await NodeScript.RunAsync(
                [
                    generator, "--target", "chatserver", "--url", baseAddress.ToString(), "--clients", "12", "--rooms", "4",
                    "--users", "6", "--rate", "40", "--duration", "2s", "--warmup", "1s", "--drain", "10s",
                    "--processes", "2", "--json", json,
                ],
                root.FullName,
                TimeSpan.FromSeconds(90));
            output.WriteLine(result.Describe());
            Assert.True(result.ExitCode == 0, result.Describe());

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var run = document.RootElement;
            long Number(string name) => run.GetProperty(name).GetInt64();

            Assert.Equal(12, Number("connected"));
            Assert.Equal(0, Number("lost"));
            Assert.Equal(0, Number("duplicates"));
            Assert.Equal(0, Number("outOfOrder"));
            Assert.Equal(0, Number("unexpectedDeliveries"));
            Assert.True(Number("acked") > 0, result.StandardOutput);
            Assert.Equal(Number("sent"), Number("acked"));

            // Every message reaches the 3 members of its room, the sender included; the measured ones are the
            // expected deliveries, each with a latency.
            Assert.Equal(Number("acked") * 3, Number("delivered"));
            Assert.Equal(Number("expectedDeliveries"), Number("uniqueDelivered"));
            Assert.Equal(Number("expectedDeliveries"), run.GetProperty("latencyMs").GetProperty("count").GetInt64());
            Assert.True(run.GetProperty("latencyMs").GetProperty("p99").GetDouble() > 0, result.StandardOutput);
            Assert.Equal(2, run.GetProperty("generatorCpuPercentPerProcess").GetArrayLength());
            Assert.Equal("chatserver", run.GetProperty("options").GetProperty("target").GetString());
        }
        finally
        {
            File.Delete(json);
        }
    }
}
