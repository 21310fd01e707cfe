using ChatServer.Client;
using ChatServer.LoadTest.ServerMetrics;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Tests.Metrics;

/// <summary>
/// One instance in process: after a known number of sends, joins and disconnects, the counters and gauges on
/// <c>/metrics</c> equal them exactly. (Each host has its own meter, so parallel tests never add to each other's.)
/// </summary>
public sealed class MetricsCountTests
{
    private static readonly Dictionary<string, string?> HighRateLimit = new()
    {
        ["Chat:RateLimit:MessagesPerSecond"] = "1000",
        ["Chat:RateLimit:Burst"] = "1000",
    };

    private static Task<Exposition> ScrapeAsync(ChatApplication app) => MetricsScrape.ReadAsync(app.Server.BaseAddress, app.CreateClient());

    [Fact]
    public async Task Sends_and_deliveries_over_every_transport_and_protocol_are_counted_exactly()
    {
        await using var app = new ChatApplication(HighRateLimit);
        var room = TestRooms.NewName("counted");
        var tabs = new List<RecordedConnection>();
        foreach (var (transport, protocol) in new[] { (HttpTransportType.WebSockets, ChatProtocol.Json), (HttpTransportType.LongPolling, ChatProtocol.MessagePack), (HttpTransportType.ServerSentEvents, ChatProtocol.Json) })
        {
            var user = await app.CreateUserAsync("m");
            var tab = new RecordedConnection(app.CreateHubConnection(user.AccessToken, protocol, transport));
            await tab.Hub.StartAsync();
            await tab.Hub.JoinRoomAsync(room);
            tabs.Add(tab);
        }

        var empty = await ScrapeAsync(app);
        Assert.Equal(0, empty.Sum("chat_messages_stored_total"));
        Assert.Equal(1, empty.Sum("chat_connections", ("transport", "web_sockets"), ("protocol", "json")));
        Assert.Equal(1, empty.Sum("chat_connections", ("transport", "long_polling"), ("protocol", "messagepack")));
        Assert.Equal(1, empty.Sum("chat_connections", ("transport", "server_sent_events"), ("protocol", "json")));
        Assert.Equal(0, empty.Sum("chat_connections", ("transport", "web_sockets"), ("protocol", "messagepack")));
        Assert.Equal(3, empty.Sum("chat_room_members"));

        // 5 + 3 sends, one of them a retry of the same clientMessageId: 7 stored, each delivered to the 3 members.
        for (var i = 0; i < 5; i++) await tabs[0].Hub.SendMessageAsync(room, $"a{i}");
        for (var i = 0; i < 2; i++) await tabs[1].Hub.SendMessageAsync(room, $"b{i}");
        var first = await tabs[1].Hub.SendMessageAsync(room, "retried", "retry-1");
        Assert.Equal(first.Id, (await tabs[1].Hub.SendMessageAsync(room, "retried", "retry-1")).Id);
        foreach (var tab in tabs) await tab.WaitForMessagesAsync(room, 8, TimeSpan.FromSeconds(20));

        await Eventually.ReturnsAsync(async () => (await ScrapeAsync(app)).Sum("chat_messages_delivered_total"), delivered => delivered >= 24, TimeSpan.FromSeconds(10), "24 deliveries");
        var after = await ScrapeAsync(app);
        Assert.Equal(8, after.Sum("chat_messages_stored_total"));
        Assert.Equal(24, after.Sum("chat_messages_delivered_total"));
        Assert.Equal(24, after.Histogram("chat_delivery_lag_seconds").Count);
        Assert.Equal(9, after.Histogram("chat_send_duration_seconds", ("outcome", "ok")).Count);
        Assert.Equal(0, after.Histogram("chat_send_duration_seconds", ("outcome", "error")).Count);
        Assert.Equal(0, after.Sum("chat_rate_limited_total"));

        // The gauges follow disconnects and leaves.
        await tabs[1].DisposeAsync();
        await tabs[0].Hub.LeaveRoomAsync(room);
        await Eventually.ReturnsAsync(async () => (await ScrapeAsync(app)).Sum("chat_room_members"), members => members == 1, TimeSpan.FromSeconds(10), "one member left");
        var left = await ScrapeAsync(app);
        Assert.Equal(0, left.Sum("chat_connections", ("transport", "long_polling"), ("protocol", "messagepack")));
        Assert.Equal(2, left.Sum("chat_connections"));

        foreach (var tab in tabs) await tab.DisposeAsync();
        await Eventually.ReturnsAsync(async () => (await ScrapeAsync(app)).Sum("chat_connections"), connections => connections == 0, TimeSpan.FromSeconds(10), "no connection left");
        Assert.Equal(0, (await ScrapeAsync(app)).Sum("chat_room_members"));
    }

    [Fact]
    public async Task Sends_refused_by_the_rate_limit_are_counted_and_timed_as_errors()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:RateLimit:MessagesPerSecond"] = "1", ["Chat:RateLimit:Burst"] = "2" });
        var room = TestRooms.NewName("limited");
        await using var tab = await (await app.CreateUserAsync("r")).JoinAsync(room);

        await tab.Hub.SendMessageAsync(room, "one");
        await tab.Hub.SendMessageAsync(room, "two");
        await Assert.ThrowsAsync<HubException>(() => tab.Hub.SendMessageAsync(room, "three"));
        await Assert.ThrowsAsync<HubException>(() => tab.Hub.SendMessageAsync(room, "four"));

        var metrics = await ScrapeAsync(app);
        Assert.Equal(2, metrics.Sum("chat_rate_limited_total"));
        Assert.Equal(2, metrics.Sum("chat_messages_stored_total"));
        Assert.Equal(2, metrics.Histogram("chat_send_duration_seconds", ("outcome", "ok")).Count);
        Assert.Equal(2, metrics.Histogram("chat_send_duration_seconds", ("outcome", "error")).Count);
    }
}
