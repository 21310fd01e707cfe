using ChatServer.Chat;
using ChatServer.Chat.Redis;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.ScaleOut;

/// <summary>Three instances sharing one Redis behave, to every client, like one server.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class ScaleOutTests(RedisServerFixture redis)
{
    private static readonly Dictionary<string, string?> HighRateLimit = new() { ["Chat:RateLimit:Burst"] = "10000", ["Chat:RateLimit:MessagesPerSecond"] = "10000" };


    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task Concurrent_senders_on_three_instances_are_seen_by_everyone_in_the_streams_order(ChatProtocol firstProtocol)
    {
        await using var cluster = RedisCluster.Start(redis, 3, HighRateLimit, firstProtocol);
        var room = TestRooms.NewName();
        var tabs = new List<RecordedConnection>();
        for (var i = 0; i < 6; i++)
        {
            var instance = cluster[i % 3];
            var tab = await (await instance.CreateUserAsync($"u{i}")).ConnectAsync();
            Assert.Equal($"{instance.Services.GetRequiredService<ServerInfo>().InstanceId}", (await tab.Hub.GetServerInfoAsync()).InstanceId);
            await tab.Hub.JoinRoomAsync(room);
            tabs.Add(tab);
        }

        try
        {
            await Task.WhenAll(tabs.Select((tab, sender) => Task.Run(async () =>
            {
                for (var i = 0; i < 30; i++)
                {
                    await tab.Hub.SendMessageAsync(room, $"{sender}:{i}");
                }
            })));
            await tabs[0].Hub.SendMessageAsync(room, "marker");

            var stream = (await tabs[1].Hub.JoinRoomAsync(room, "0-0")).Messages.Select(m => m.Id).ToList();
            Assert.Equal(181, stream.Count);
            foreach (var tab in tabs)
            {
                Assert.Equal(stream, (await tab.MessagesUntilAsync("marker")).Select(m => m.Id));
            }
        }
        finally
        {
            foreach (var tab in tabs)
            {
                await tab.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task Presence_and_typing_cross_instances_and_a_user_stays_online_while_any_instance_holds_a_tab(ChatProtocol firstProtocol)
    {
        await using var cluster = RedisCluster.Start(redis, 2, firstProtocol: firstProtocol);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[0].CreateUserAsync("bob");
        var room = TestRooms.NewName();
        await using var watcher = await alice.ConnectAsync();
        await watcher.Hub.JoinRoomAsync(room);

        var bobOnFirst = await bob.ConnectAsync();
        await using var bobOnSecond = await cluster[1].Api.LoginAsync(bob.Name, ChatApplication.Password) is var login
            ? await new TestUser(cluster[1], login.UserName, login.AccessToken).ConnectAsync()
            : throw new InvalidOperationException();
        await bobOnFirst.Hub.JoinRoomAsync(room);
        await bobOnSecond.Hub.JoinRoomAsync(room);
        Assert.Equal(new HubEvent.Joined(room, bob.Name), await watcher.WaitForAsync<HubEvent.Joined>(e => e.User == bob.Name));

        await bobOnSecond.Hub.StartTypingAsync(room);
        Assert.Equal(new HubEvent.Typing(room, bob.Name, true), await watcher.WaitForAsync<HubEvent.Typing>());

        await bobOnFirst.DisposeAsync();
        await bobOnSecond.Hub.SendMessageAsync(room, "still here");
        Assert.Equal(new HubEvent.Typing(room, bob.Name, false), await watcher.WaitForAsync<HubEvent.Typing>());
        await watcher.MessagesUntilAsync("still here");
        Assert.DoesNotContain(watcher.Seen, e => e is HubEvent.Left);
        Assert.Contains(bob.Name, (await watcher.Hub.JoinRoomAsync(room)).Online);

        await bobOnSecond.Hub.LeaveRoomAsync(room);
        Assert.Equal(new HubEvent.Left(room, bob.Name), await watcher.WaitForAsync<HubEvent.Left>());
    }

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task A_token_from_one_instance_works_on_another_and_rooms_are_listed_everywhere(ChatProtocol firstProtocol)
    {
        await using var cluster = RedisCluster.Start(redis, 2, firstProtocol: firstProtocol);
        var alice = await cluster[0].CreateUserAsync("alice");
        var room = TestRooms.NewName();

        await using var onSecond = await new TestUser(cluster[1], alice.Name, alice.AccessToken).ConnectAsync();
        await onSecond.Hub.JoinRoomAsync(room);
        await onSecond.Hub.SendMessageAsync(room, "hello from two");

        Assert.Equal("redis", (await onSecond.Hub.GetServerInfoAsync()).Mode);
        Assert.Contains(new RoomInfo(room, 1), await cluster[0].Api.GetRoomsAsync(alice.AccessToken));
        Assert.Equal("hello from two", Assert.Single((await cluster[0].Api.GetMessagesAsync(alice.AccessToken, room)).Messages).Text);
    }

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task A_direct_room_stays_private_across_instances(ChatProtocol firstProtocol)
    {
        await using var cluster = RedisCluster.Start(redis, 2, firstProtocol: firstProtocol);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        var carol = await cluster[1].CreateUserAsync("carol");
        await using var aliceTab = await alice.ConnectAsync();
        await using var bobTab = await bob.ConnectAsync();
        await using var carolTab = await carol.ConnectAsync();

        var dm = await aliceTab.Hub.OpenDirectRoomAsync(bob.Name);
        await aliceTab.Hub.JoinRoomAsync(dm);
        await aliceTab.Hub.SendMessageAsync(dm, "knock knock");
        Assert.Equal(new HubEvent.DirectActivity(dm, alice.Name), await bobTab.WaitForAsync<HubEvent.DirectActivity>());
        await bobTab.Hub.JoinRoomAsync(await bobTab.Hub.OpenDirectRoomAsync(alice.Name));
        await aliceTab.Hub.SendMessageAsync(dm, "for bob only");

        Assert.Equal("for bob only", (await bobTab.WaitForAsync<HubEvent.Message>()).Value.Text);
        Assert.Empty(carolTab.Seen);
        Assert.Contains("Not a member", (await Assert.ThrowsAsync<HubException>(() => carolTab.Hub.JoinRoomAsync(dm))).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await carolTab.Hub.ListRoomsAsync(), r => r.Room == dm);
    }

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task The_rate_limit_and_idempotency_are_shared_by_all_instances(ChatProtocol firstProtocol)
    {
        await using var cluster = RedisCluster.Start(redis, 2, new Dictionary<string, string?> { ["Chat:RateLimit:Burst"] = "5", ["Chat:RateLimit:MessagesPerSecond"] = "0.1" }, firstProtocol);
        var alice = await cluster[0].CreateUserAsync("alice");
        var room = TestRooms.NewName();
        await using var one = await alice.ConnectAsync();
        await using var two = await new TestUser(cluster[1], alice.Name, alice.AccessToken).ConnectAsync();
        await one.Hub.JoinRoomAsync(room);
        await two.Hub.JoinRoomAsync(room);

        // Five tokens for both instances together; the retry, answered from the first send, spends none.
        var first = await one.Hub.SendMessageAsync(room, "once", "same-id");
        var retried = await two.Hub.SendMessageAsync(room, "once", "same-id");
        await one.Hub.SendMessageAsync(room, "two");
        await two.Hub.SendMessageAsync(room, "three");
        await one.Hub.SendMessageAsync(room, "four");
        await two.Hub.SendMessageAsync(room, "five");
        var limited = await Assert.ThrowsAsync<HubException>(() => one.Hub.SendMessageAsync(room, "six"));
        // Out of budget, a retry is still answered on either instance: its message is stored already.
        var retriedAgain = await one.Hub.SendMessageAsync(room, "once", "same-id");

        Assert.Equal(first, retried);
        Assert.Equal(first, retriedAgain);
        Assert.Contains("Rate limit exceeded", limited.Message, StringComparison.Ordinal);
        Assert.Equal(["once", "two", "three", "four", "five"], (await one.MessagesUntilAsync("five")).Select(m => m.Text));
    }

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task Users_of_an_instance_that_died_leave_their_rooms_within_the_timeout(ChatProtocol firstProtocol)
    {
        await using var cluster = RedisCluster.Start(redis, 1, new Dictionary<string, string?> { ["Chat:Presence:InstanceTimeoutSeconds"] = "2" }, firstProtocol);
        var alice = await cluster[0].CreateUserAsync("alice");
        var room = TestRooms.NewName();
        await using var watcher = await alice.ConnectAsync();
        await watcher.Hub.JoinRoomAsync(room);

        // An instance that recorded a connection and then stopped renewing its lease, as a crashed process would.
        var services = cluster[0].Services;
        var ghost = new RedisPresenceTracker(
            services.GetRequiredService<ChatRedisConnection>(), services.GetRequiredService<RedisKeys>(), services.GetRequiredService<ChatRedisScripts>(),
            new ServerInfo("ghost-" + Guid.NewGuid().ToString("N")[..8], ServerInfo.RedisMode));
        await ghost.RenewLeaseAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        await ghost.JoinAsync(room, "ghost-user", "ghost-connection", CancellationToken.None);
        Assert.Contains("ghost-user", (await watcher.Hub.JoinRoomAsync(room)).Online);

        Assert.Equal(new HubEvent.Left(room, "ghost-user"), await watcher.WaitForAsync<HubEvent.Left>(timeout: TimeSpan.FromSeconds(5)));
        Assert.DoesNotContain("ghost-user", (await watcher.Hub.JoinRoomAsync(room)).Online);
        Assert.Equal(1, (await Metrics.MetricsScrape.ReadAsync(cluster[0].Server.BaseAddress, cluster[0].CreateClient())).Sum("chat_presence_swept_connections_total"));
    }

    [Fact]
    public async Task Readiness_reports_redis_and_the_mode_is_redis()
    {
        await using var cluster = RedisCluster.Start(redis, 1);
        using var http = cluster[0].CreateClient();

        using var ready = await http.GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        var user = await cluster[0].CreateUserAsync("mode");
        Assert.Equal("redis", (await cluster[0].Api.GetServerInfoAsync(user.AccessToken)).Mode);
    }
}
