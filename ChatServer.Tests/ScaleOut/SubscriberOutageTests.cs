using ChatServer.Chat.Redis;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.ScaleOut;

/// <summary>
/// Redis drops the instances' subscriber connections (as it does to a subscriber that falls behind, or on a network
/// blip) while their command connections stay up, so sends keep succeeding while no instance hears them. Each
/// instance must replay what its members missed from the rooms' streams once it is back, once each and in order.
/// The instances log in as an ACL user that the test switches off for the gap: connections already authenticated
/// keep working, new ones (the subscriber's reconnects) are refused until it is switched on again.
/// </summary>
public sealed class SubscriberOutageTests
{
    private const string User = "chat";

    // Two instances, each with two subscriber connections: the stores' multiplexer and SignalR's backplane's.
    private const int SubscriberConnections = 2 * 2;

    private static readonly Dictionary<string, string?> HighRateLimit = new()
    {
        ["Chat:RateLimit:MessagesPerSecond"] = "1000",
        ["Chat:RateLimit:Burst"] = "1000",
    };

    private static Task<RedisServer> StartRedisAsync() => RedisServer.StartAsync(new RedisServerSettings(Password: "outage-test-pw", User: User));

    private static List<RedisConnectionMonitor> Monitors(RedisCluster cluster) =>
        [.. cluster.Instances.Select(instance => instance.Services.GetRequiredService<RedisConnectionMonitor>())];

    /// <summary>Cuts every subscriber connection and keeps them away until the returned step is awaited.</summary>
    private static async Task<Func<Task>> CutSubscribersAsync(RedisServer server, int expected)
    {
        Assert.Equal("+OK", await server.SendRawAsync($"ACL SETUSER {User} off"));
        Assert.Equal($":{expected}", await server.SendRawAsync("CLIENT KILL TYPE pubsub"));
        return async () => Assert.Equal("+OK", await server.SendRawAsync($"ACL SETUSER {User} on"));
    }

    [Fact]
    public async Task Messages_sent_while_the_subscribers_were_away_reach_every_member_once_in_order()
    {
        await using var server = await StartRedisAsync();
        await using var cluster = RedisCluster.Start(server, 2, HighRateLimit);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        var talked = TestRooms.NewName("talked");   // had a message before the outage
        var quiet = TestRooms.NewName("quiet");     // had none: replayed from where it stood at the join
        await using var aliceTab = await alice.JoinAsync(talked);
        await using var bobTab = await bob.JoinAsync(talked);
        await aliceTab.Hub.JoinRoomAsync(quiet);
        await bobTab.Hub.JoinRoomAsync(quiet);
        await aliceTab.Hub.SendMessageAsync(talked, "before");
        await bobTab.MessagesUntilAsync("before");

        var monitors = Monitors(cluster);
        var restore = await CutSubscribersAsync(server, SubscriberConnections);
        await Eventually.TrueAsync(() => monitors.All(monitor => !monitor.IsReady));
        for (var i = 1; i <= 3; i++)
        {
            await aliceTab.Hub.SendMessageAsync(talked, $"gap {i}");
            await bobTab.Hub.SendMessageAsync(quiet, $"quiet gap {i}");
        }

        Assert.All(monitors, monitor => Assert.False(monitor.IsReady));
        await restore();
        await Eventually.TrueAsync(() => monitors.All(monitor => monitor.IsReady), timeout: TimeSpan.FromSeconds(30));
        await aliceTab.Hub.SendMessageAsync(talked, "after");
        await bobTab.Hub.SendMessageAsync(quiet, "quiet after");

        foreach (var tab in new[] { aliceTab, bobTab })
        {
            await tab.MessagesUntilAsync("after");
            await tab.MessagesUntilAsync("quiet after");
            var received = tab.Seen.OfType<HubEvent.Message>().Select(m => m.Value).ToList();
            Assert.Equal(["before", "gap 1", "gap 2", "gap 3", "after"], TextsIn(received, talked));
            Assert.Equal(["quiet gap 1", "quiet gap 2", "quiet gap 3", "quiet after"], TextsIn(received, quiet));
            Assert.Equal(await HistoryIdsAsync(tab, talked), IdsIn(received, talked));
            Assert.Equal(await HistoryIdsAsync(tab, quiet), IdsIn(received, quiet));
        }

        // Each instance read the six messages of the gap back from the two rooms' streams, and counted them; "after" and
        // "quiet after" count too when they were stored while the replay was still reading.
        foreach (var instance in cluster.Instances)
        {
            Assert.InRange((await MetricsScrape.ReadAsync(instance.Server.BaseAddress, instance.CreateClient())).Sum("chat_backplane_replayed_messages_total"), 6, 8);
        }
    }

    [Fact]
    public async Task Edits_deletes_and_reactions_made_while_the_subscribers_were_away_are_replayed_in_the_rooms_order()
    {
        await using var server = await StartRedisAsync();
        await using var cluster = RedisCluster.Start(server, 2, HighRateLimit);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var (kept, doomed) = (await aliceTab.Hub.SendMessageAsync(room, "kept"), await aliceTab.Hub.SendMessageAsync(room, "doomed"));
        await bobTab.MessagesUntilAsync("doomed");

        var monitors = Monitors(cluster);
        var restore = await CutSubscribersAsync(server, SubscriberConnections);
        await Eventually.TrueAsync(() => monitors.All(monitor => !monitor.IsReady));
        await aliceTab.Hub.EditMessageAsync(room, kept.Id, "kept, edited");
        await aliceTab.Hub.DeleteMessageAsync(room, doomed.Id);
        await bobTab.Hub.ToggleReactionAsync(room, kept.Id, "👍");
        await restore();
        await Eventually.TrueAsync(() => monitors.All(monitor => monitor.IsReady), timeout: TimeSpan.FromSeconds(30));
        await aliceTab.Hub.SendMessageAsync(room, "after");

        foreach (var tab in new[] { aliceTab, bobTab })
        {
            await tab.MessagesUntilAsync("after");
            Assert.Equal(
                [$"edited {kept.Id}", $"deleted {doomed.Id}", $"reactions {kept.Id}", "message after"],
                tab.Seen.Select(Describe).OfType<string>().SkipWhile(e => !e.StartsWith("edited", StringComparison.Ordinal)));
        }
    }

    private static string? Describe(HubEvent e) => e switch
    {
        HubEvent.Message m => $"message {m.Value.Text}",
        HubEvent.Edited m => $"edited {m.Value.Id}",
        HubEvent.Deleted d => $"deleted {d.Id}",
        HubEvent.Reactions r => $"reactions {r.Id}",
        _ => null,
    };

    [Fact]
    public async Task A_steady_stream_of_sends_through_the_outage_and_the_replay_arrives_whole_and_in_order()
    {
        await using var server = await StartRedisAsync();
        await using var cluster = RedisCluster.Start(server, 2, HighRateLimit);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        var room = TestRooms.NewName("steady");
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var monitors = Monitors(cluster);
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Both users send every few milliseconds from before the outage until 20 sends after both subscribers are
        // back, so live records keep arriving while each instance replays (they are held, then follow the replay).
        var sending = new[] { (Tab: aliceTab, Name: "a"), (Tab: bobTab, Name: "b") }.Select(sender => Task.Run(async () =>
        {
            var sent = 0;
            for (var afterRestore = 0; afterRestore < 20 && sent < 2000; sent++)
            {
                await sender.Tab.Hub.SendMessageAsync(room, $"{sender.Name}{sent + 1}");
                if (cut.Task.IsCompleted && monitors.All(monitor => monitor.IsReady)) afterRestore++;
                await Task.Delay(20);
            }

            return $"{sender.Name}{sent}";
        })).ToList();

        await Task.Delay(300);
        var restore = await CutSubscribersAsync(server, SubscriberConnections);
        await Eventually.TrueAsync(() => monitors.All(monitor => !monitor.IsReady));

        // The outage itself: the senders go on through it (every 20 ms, so dozens of sends land in the gap).
        await Task.Delay(TimeSpan.FromSeconds(1));
        await restore();
        cut.SetResult();

        var lastTexts = await Task.WhenAll(sending);
        var stored = new List<string>();
        for (string? before = null; ;)
        {
            var page = await aliceTab.Hub.GetHistoryAsync(room, before, limit: 100);
            stored.InsertRange(0, page.Messages.Select(m => m.Id));
            if (!page.HasMore) break;
            before = page.Messages[0].Id;
        }

        foreach (var tab in new[] { aliceTab, bobTab })
        {
            foreach (var text in lastTexts) await tab.MessagesUntilAsync(text);
            Assert.Equal(stored, IdsIn(tab.Seen.OfType<HubEvent.Message>().Select(m => m.Value), room));
        }
    }

    [Fact]
    public async Task Someone_who_left_while_the_subscribers_were_away_is_reported_gone_once_they_are_back()
    {
        await using var server = await StartRedisAsync();
        await using var cluster = RedisCluster.Start(server, 2, HighRateLimit);
        var (alice, bob, carol) = (await cluster[0].CreateUserAsync("alice"), await cluster[1].CreateUserAsync("bob"), await cluster[1].CreateUserAsync("carol"));
        var room = TestRooms.NewName("presence");
        await using var aliceTab = await alice.JoinAsync(room);
        var bobTab = await bob.JoinAsync(room);
        await using var carolTab = await carol.JoinAsync(room);
        await aliceTab.WaitForAsync<HubEvent.Joined>(e => e.User == carol.Name);
        var monitors = Monitors(cluster);

        var restore = await CutSubscribersAsync(server, SubscriberConnections);
        await Eventually.TrueAsync(() => monitors.All(monitor => !monitor.IsReady));
        await bobTab.DisposeAsync();   // recorded in Redis at once (the command connections are up), heard by nobody
        await Eventually.ReturnsAsync(
            async () => (await aliceTab.Hub.JoinRoomAsync(room)).Online, online => !online.Contains(bob.Name), TimeSpan.FromSeconds(10), "bob gone from presence");
        await restore();

        Assert.Equal(new HubEvent.Left(room, bob.Name), await aliceTab.WaitForAsync<HubEvent.Left>(timeout: TimeSpan.FromSeconds(30)));
        Assert.Equal(new HubEvent.Left(room, bob.Name), await carolTab.WaitForAsync<HubEvent.Left>(timeout: TimeSpan.FromSeconds(30)));
        await aliceTab.Hub.SendMessageAsync(room, "after");
        await aliceTab.MessagesUntilAsync("after");
        Assert.DoesNotContain(aliceTab.Seen, e => e is HubEvent.Left { User: var user } && user != bob.Name);
    }

    private static List<string?> TextsIn(IEnumerable<ChatMessage> messages, string room) =>
        [.. messages.Where(m => m.Room == room).Select(m => m.Text)];

    private static List<string> IdsIn(IEnumerable<ChatMessage> messages, string room) =>
        [.. messages.Where(m => m.Room == room).Select(m => m.Id)];

    private static async Task<List<string>> HistoryIdsAsync(RecordedConnection tab, string room) =>
        [.. (await tab.Hub.GetHistoryAsync(room, limit: 50)).Messages.Select(m => m.Id)];
}
