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
        // One user per client: 100 msg/s over 30 users is ~3.3 msg/s each, under the cluster's default per-user
        // limit (10/s, burst 20), so nothing is rate-limited without changing the fixture's configuration.
        using var json = await RunAsync("--rate", "100", "--duration", "5s", "--warmup", "1s");
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, root.GetProperty("outOfOrder").GetInt64());
        Assert.True(root.GetProperty("acked").GetInt64() > 0);
        Assert.Equal(root.GetProperty("expectedDeliveries").GetInt64(), root.GetProperty("delivered").GetInt64());

        // least_conn spreads the clients over all three instances, so every room's messages cross the backplane.
        Assert.Equal(ClusterFixture.InstanceIds, ClientsPerInstance(root).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Clients_opened_one_by_one_from_several_source_addresses_are_balanced_over_the_instances()
    {
        // One connection at a time, so each sees the previous ones' instances in nginx's least_conn counts; were the
        // clients of one source address to share cookies, the first reply's affinity cookie would pin them all.
        using var json = await RunAsync("--rate", "30", "--duration", "1s", "--warmup", "0s", "--source-ips", "2", "--connect-concurrency", "1");

        var perInstance = ClientsPerInstance(json.RootElement);
        Assert.Equal(ClusterFixture.InstanceIds, perInstance.Keys.Order(StringComparer.Ordinal));
        Assert.All(perInstance.Values, count => Assert.InRange(count, Clients / 3 - 3, Clients / 3 + 3));
    }

    /// <summary>Runs the tool in-process through nginx; asserts what every run must show and returns its JSON.</summary>
    private static async Task<JsonDocument> RunAsync(params string[] extra)
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
            var exitCode = await LoadTestCommand.RunAsync(
                [
                    "--url", ClusterFixture.BaseUri.ToString(), "--clients", $"{Clients}", "--users", $"{Clients}",
                    "--rooms", $"{Rooms}", "--drain", "10s", "--json", jsonPath, .. extra,
                ],
                console,
                timeout.Token);

            Assert.True(exitCode == LoadTestCommand.ExitPassed, "exit code " + exitCode + "\n" + output);
            var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, timeout.Token));
            var root = json.RootElement;
            Assert.Equal(Clients, root.GetProperty("connected").GetInt32());
            Assert.Equal(0, root.GetProperty("failedConnections").GetInt64());
            Assert.Equal(0, root.GetProperty("lost").GetInt64());
            Assert.Equal(Clients, ClientsPerInstance(root).Values.Sum());
            return json;
        }
        finally
        {
            File.Delete(jsonPath);
        }
    }

    private static Dictionary<string, int> ClientsPerInstance(JsonElement root) =>
        root.GetProperty("instances").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
