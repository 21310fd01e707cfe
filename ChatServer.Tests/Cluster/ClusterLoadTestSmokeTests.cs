using ChatServer.Tests.LoadTest;

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
        using var run = await RunAsync(["--rate", "100", "--duration", "5s", "--warmup", "1s", "--server-metrics", .. ClusterFixture.InstanceUris.Select(uri => uri.ToString())]);

        Assert.Equal(0, run.Number("duplicates"));
        Assert.Equal(0, run.Number("outOfOrder"));
        Assert.True(run.Number("acked") > 0, run.Output);
        Assert.Equal(run.Number("expectedDeliveries"), run.Number("delivered"));

        // least_conn spreads the clients over all three instances, so every room's messages cross the backplane.
        Assert.Equal(ClusterFixture.InstanceIds, run.ClientsPerInstance().Keys.Order(StringComparer.Ordinal));

        // The servers' own counters, read from each instance's /metrics before and after, agree with the clients'.
        var view = run.Json.GetProperty("server");
        Assert.Equal(run.Number("acked"), view.GetProperty("stored").GetInt64());
        Assert.Equal(run.Number("delivered"), view.GetProperty("delivered").GetInt64());
        var perInstance = view.GetProperty("instances").EnumerateArray().ToDictionary(i => i.GetProperty("instance").GetString()!, i => i.GetProperty("connections").GetInt64());
        Assert.Equal(ClusterFixture.InstanceIds, perInstance.Keys.Order(StringComparer.Ordinal));

        // At least the run's clients (a connection of an earlier test may still be closing).
        Assert.All(run.ClientsPerInstance(), pair => Assert.True(perInstance[pair.Key] >= pair.Value, $"{pair.Key}: {perInstance[pair.Key]} < {pair.Value}"));
    }

    [Fact]
    public async Task Clients_opened_one_by_one_from_several_source_addresses_are_balanced_over_the_instances()
    {
        // One connection at a time, so each sees the previous ones' instances in nginx's least_conn counts; were the
        // clients of one source address to share cookies, the first reply's affinity cookie would pin them all.
        using var run = await RunAsync("--rate", "30", "--duration", "1s", "--warmup", "0s", "--source-ips", "2", "--connect-concurrency", "1");

        var perInstance = run.ClientsPerInstance();
        Assert.Equal(ClusterFixture.InstanceIds, perInstance.Keys.Order(StringComparer.Ordinal));
        Assert.All(perInstance.Values, count => Assert.InRange(count, Clients / 3 - 3, Clients / 3 + 3));
    }

    /// <summary>Runs the tool through nginx and checks what every run must show: all connected, nothing lost.</summary>
    private static async Task<LoadToolRun> RunAsync(params string[] extra)
    {
        var run = await LoadToolRun.StartAsync(
            [
                "--url", ClusterFixture.BaseUri.ToString(), "--clients", $"{Clients}", "--users", $"{Clients}",
                "--rooms", $"{Rooms}", "--drain", "10s", .. extra,
            ],
            TimeSpan.FromMinutes(2));

        try
        {
            run.AssertPassed();
            Assert.Equal(Clients, run.Number("connected"));
            Assert.Equal(0, run.Number("failedConnections"));
            Assert.Equal(0, run.Number("lost"));
            Assert.Equal(Clients, run.ClientsPerInstance().Values.Sum());
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }
}
