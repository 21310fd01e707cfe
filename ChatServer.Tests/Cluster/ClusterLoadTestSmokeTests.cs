using System.Text.Json;
using ChatServer.LoadTest;
using Spectre.Console;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// The load tool's CI smoke run against the 3-instance cluster through nginx: messages cross the Redis backplane
/// (rooms span instances) and nothing may be lost, duplicated or reordered. Asserts correctness only, never speed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterLoadTestSmokeTests
{
    private const int Clients = 30;
    private const int Rooms = 6;

    [Fact]
    public async Task A_short_run_through_nginx_reaches_every_instance_and_loses_duplicates_and_reorders_nothing()
    {
        var jsonPath = Path.Combine(Path.GetTempPath(), $"loadtest-cluster-smoke-{Guid.NewGuid():N}.json");
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
            // One user per client: 100 msg/s over 30 users is ~3.3 msg/s each, under the cluster's default per-user
            // limit (10/s, burst 20), so nothing is rate-limited without changing the fixture's configuration.
            var exitCode = await LoadTestCommand.RunAsync(
                [
                    "--url", ClusterFixture.BaseUri.ToString(), "--clients", $"{Clients}", "--users", $"{Clients}",
                    "--rooms", $"{Rooms}", "--rate", "100", "--duration", "5s", "--warmup", "1s", "--drain", "10s",
                    "--json", jsonPath,
                ],
                console,
                timeout.Token);

            Assert.True(exitCode == LoadTestCommand.ExitPassed, "exit code " + exitCode + "\n" + output);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, timeout.Token));
            var root = json.RootElement;
            Assert.Equal(Clients, root.GetProperty("connected").GetInt32());
            Assert.Equal(0, root.GetProperty("failedConnections").GetInt64());
            Assert.Equal(0, root.GetProperty("lost").GetInt64());
            Assert.Equal(0, root.GetProperty("duplicates").GetInt64());
            Assert.Equal(0, root.GetProperty("outOfOrder").GetInt64());
            Assert.True(root.GetProperty("acked").GetInt64() > 0, output.ToString());
            Assert.Equal(root.GetProperty("expectedDeliveries").GetInt64(), root.GetProperty("delivered").GetInt64());

            // least_conn spreads the clients over all three instances, so every room's messages cross the backplane.
            var perInstance = root.GetProperty("instances").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(ClusterFixture.InstanceIds, perInstance.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(Clients, perInstance.Values.Sum());
        }
        finally
        {
            File.Delete(jsonPath);
        }
    }
}
