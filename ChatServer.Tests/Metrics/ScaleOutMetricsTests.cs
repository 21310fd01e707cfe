using ChatServer.LoadTest.ServerMetrics;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.ScaleOut;

namespace ChatServer.Tests.Metrics;

/// <summary>Three instances on one Redis: the counters summed over the instances equal the sends and deliveries exactly.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class ScaleOutMetricsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Counters_summed_over_the_instances_equal_the_sends_and_deliveries()
    {
        await using var cluster = RedisCluster.Start(redis, 3, new Dictionary<string, string?> { ["Chat:RateLimit:MessagesPerSecond"] = "1000", ["Chat:RateLimit:Burst"] = "1000" });
        var room = TestRooms.NewName("summed");
        var tabs = new List<RecordedConnection>();
        foreach (var instance in cluster.Instances)
        {
            tabs.Add(await (await instance.CreateUserAsync("s")).JoinAsync(room));
        }

        // 4 sends through each instance: 12 stored in all, each delivered once on every instance (one member each).
        foreach (var tab in tabs)
        {
            for (var i = 0; i < 4; i++) await tab.Hub.SendMessageAsync(room, $"{tabs.IndexOf(tab)}-{i}");
        }

        foreach (var tab in tabs) await tab.WaitForMessagesAsync(room, 12, TimeSpan.FromSeconds(20));

        var instances = cluster.Instances.Select(instance => (Uri: instance.Server.BaseAddress, Http: instance.CreateClient())).ToList();
        var scrapes = new List<Exposition>();
        await Eventually.TrueAsync(
            async () =>
            {
                scrapes = [.. await Task.WhenAll(instances.Select(i => MetricsScrape.ReadAsync(i.Uri, i.Http)))];
                return scrapes.Sum(s => s.Sum("chat_messages_delivered_total")) >= 36;
            },
            TimeSpan.FromSeconds(10));

        Assert.Equal(12, scrapes.Sum(s => s.Sum("chat_messages_stored_total")));
        Assert.All(scrapes, s => Assert.Equal(4, s.Sum("chat_messages_stored_total")));
        Assert.Equal(36, scrapes.Sum(s => s.Sum("chat_messages_delivered_total")));
        Assert.All(scrapes, s => Assert.Equal(12, s.Sum("chat_messages_delivered_total")));
        Assert.All(scrapes, s => Assert.Equal(12, s.Histogram("chat_delivery_lag_seconds").Count));
        Assert.All(scrapes, s => Assert.Equal(1, s.Sum("chat_room_members")));
        Assert.All(scrapes, s => Assert.Equal(1, s.Sum("chat_connections")));
        Assert.All(scrapes, s => Assert.Equal(0, s.Sum("chat_redis_errors_total")));
        foreach (var tab in tabs) await tab.DisposeAsync();
    }
}
