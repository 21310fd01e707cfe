using System.Net;
using ChatServer.Client;
using ChatServer.Hubs;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.ScaleOut;

/// <summary>Every HubLifetimeManager operation, sent from one instance to connections held by two.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class BackplaneSemanticsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Every_kind_of_send_reaches_exactly_its_targets_on_every_instance()
    {
        await using var cluster = RedisCluster.Start(redis, 2);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        await using var a1 = await alice.ConnectAsync();
        await using var a2 = await new TestUser(cluster[1], alice.Name, alice.AccessToken).ConnectAsync();
        await using var b1 = await bob.ConnectAsync();
        var ids = new Dictionary<RecordedConnection, string>();
        foreach (var tab in new[] { a1, a2, b1 })
        {
            ids[tab] = (await tab.Hub.GetServerInfoAsync()).ConnectionId!;
        }

        var hub = cluster[0].Services.GetRequiredService<IHubContext<ChatHub, IChatClient>>();
        await hub.Groups.AddToGroupAsync(ids[a2], "g1");
        await hub.Groups.AddToGroupAsync(ids[b1], "g1");
        await hub.Groups.AddToGroupAsync(ids[a1], "g2");

        await hub.Clients.All.UserJoined("all", "x");
        await hub.Clients.AllExcept([ids[b1]]).UserJoined("all-except-b1", "x");
        await hub.Clients.Client(ids[b1]).UserJoined("client-b1", "x");
        await hub.Clients.Clients([ids[a1], ids[a2]]).UserJoined("clients-a1-a2", "x");
        await hub.Clients.Group("g1").UserJoined("group-g1", "x");
        await hub.Clients.Groups(["g1", "g2"]).UserJoined("groups-g1-g2", "x");
        await hub.Clients.GroupExcept("g1", [ids[a2]]).UserJoined("g1-except-a2", "x");
        await hub.Clients.User(alice.Name).UserJoined("user-alice", "x");
        await hub.Clients.Users([alice.Name, bob.Name]).UserJoined("users-both", "x");

        // Sends on different channels may arrive in any order; each set must be exact.
        string[] toA1 = ["all", "all-except-b1", "clients-a1-a2", "groups-g1-g2", "user-alice", "users-both"];
        string[] toA2 = ["all", "all-except-b1", "clients-a1-a2", "group-g1", "groups-g1-g2", "user-alice", "users-both"];
        string[] toB1 = ["all", "client-b1", "group-g1", "groups-g1-g2", "g1-except-a2", "users-both"];
        await WaitForLabelsAsync(a1, toA1.Length);
        await WaitForLabelsAsync(a2, toA2.Length);
        await WaitForLabelsAsync(b1, toB1.Length);
        await hub.Clients.All.UserJoined("end", "x");

        Assert.Equal(toA1.Order(), await LabelsAsync(a1));
        Assert.Equal(toA2.Order(), await LabelsAsync(a2));
        Assert.Equal(toB1.Order(), await LabelsAsync(b1));
    }

    [Fact]
    public async Task Disconnecting_leaves_every_group_on_every_instance()
    {
        await using var cluster = RedisCluster.Start(redis, 2);
        var alice = await cluster[1].CreateUserAsync("alice");
        var hub = cluster[0].Services.GetRequiredService<IHubContext<ChatHub, IChatClient>>();
        var gone = await alice.ConnectAsync();
        await hub.Groups.AddToGroupAsync((await gone.Hub.GetServerInfoAsync()).ConnectionId!, "g");
        await using var stays = await alice.ConnectAsync();
        await hub.Groups.AddToGroupAsync((await stays.Hub.GetServerInfoAsync()).ConnectionId!, "g");

        await gone.DisposeAsync();
        await hub.Clients.Group("g").UserJoined("after", "x");

        Assert.Equal(new HubEvent.Joined("after", "x"), await stays.WaitForAsync<HubEvent.Joined>());
    }

    [Fact]
    public async Task Losing_redis_makes_instances_not_ready_and_they_recover_by_themselves()
    {
        await using var server = await RedisServer.StartAsync();
        await using var cluster = RedisCluster.Start(server, 2);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        var room = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await using var aliceTab = await alice.ConnectAsync();
        await using var bobTab = await bob.ConnectAsync();
        await aliceTab.Hub.JoinRoomAsync(room);
        await bobTab.Hub.JoinRoomAsync(room);
        using var http = cluster[0].CreateClient();

        await server.KillAsync();
        await Eventually.ReturnsAsync(async () => (await http.GetAsync("/health/ready")).StatusCode, status => status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "not ready");
        var refused = await Assert.ThrowsAsync<HubException>(() => aliceTab.Hub.SendMessageAsync(room, "during the outage"));
        Assert.Contains("unavailable", refused.Message, StringComparison.OrdinalIgnoreCase);
        var refusedJoin = await Assert.ThrowsAsync<HubException>(() => bobTab.Hub.JoinRoomAsync(TestRooms.NewName()));
        Assert.Contains("unavailable", refusedJoin.Message, StringComparison.OrdinalIgnoreCase);

        await server.RestartAsync();
        foreach (var instance in cluster.Instances)
        {
            // Each instance reconnects on its own schedule (backoff with jitter); both must be back before a send.
            using var probe = instance.CreateClient();
            await Eventually.ReturnsAsync(async () => (await probe.GetAsync("/health/ready")).StatusCode, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "ready again");
        }

        // Resubscribed, and presence restored from what each instance holds (this Redis restarted empty): a message
        // from one instance reaches the other again without anyone rejoining; the refused one was never stored.
        var after = await Eventually.ReturnsAsync(
            async () => await TrySendAsync(aliceTab, room, "after the outage"), sent => sent is not null, TimeSpan.FromSeconds(10), "a send to succeed");
        Assert.Equal(after, (await bobTab.WaitForAsync<HubEvent.Message>(m => m.Value.Text == "after the outage")).Value);
        Assert.DoesNotContain(bobTab.Seen, e => e is HubEvent.Message { Value.Text: "during the outage" });
    }

    [Fact]
    public async Task A_user_who_left_during_an_outage_is_gone_once_redis_is_back()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings(Durable: true));
        await using var cluster = RedisCluster.Start(server, 2);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        var room = TestRooms.NewName("outage");
        await using var aliceTab = await alice.JoinAsync(room);
        var bobTab = await bob.JoinAsync(room);
        await aliceTab.WaitForAsync<HubEvent.Joined>(e => e.User == bob.Name);

        // Bob closes his tab while Redis is down: his instance cannot record it then, and must do so afterwards.
        await server.KillAsync();
        await bobTab.DisposeAsync();
        await server.RestartAsync();

        Assert.Equal(new HubEvent.Left(room, bob.Name), await aliceTab.WaitForAsync<HubEvent.Left>(timeout: TimeSpan.FromSeconds(15)));
        var online = await Eventually.ReturnsAsync(
            async () => await TryOnlineAsync(aliceTab, room), users => users is not null, TimeSpan.FromSeconds(10), "a snapshot");
        Assert.Equal([alice.Name], online);
    }

    private static async Task<IReadOnlyList<string>?> TryOnlineAsync(RecordedConnection tab, string room)
    {
        try
        {
            return (await tab.Hub.JoinRoomAsync(room)).Online;
        }
        catch (HubException exception) when (exception.Message.Contains("unavailable", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    private static async Task<ChatMessage?> TrySendAsync(RecordedConnection tab, string room, string text)
    {
        try
        {
            return await tab.Hub.SendMessageAsync(room, text);
        }
        catch (HubException exception) when (exception.Message.Contains("unavailable", StringComparison.OrdinalIgnoreCase)
            || exception.Message.Contains("Join the room before sending", StringComparison.Ordinal))
        {
            return null;
        }
    }

    private static async Task WaitForLabelsAsync(RecordedConnection tab, int count)
    {
        for (var seen = tab.Seen.OfType<HubEvent.Joined>().Count(); seen < count; seen++)
        {
            await tab.WaitForAsync<HubEvent.Joined>();
        }
    }

    private static async Task<IReadOnlyList<string>> LabelsAsync(RecordedConnection tab)
    {
        await tab.WaitForAsync<HubEvent.Joined>(e => e.Room == "end");
        return [.. tab.Seen.OfType<HubEvent.Joined>().Select(e => e.Room).Where(label => label != "end").Order()];
    }
}
