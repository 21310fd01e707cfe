using ChatServer.Client;
using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.ScaleOut;

/// <summary>
/// Redis drops the instances' subscriber sockets (as it does to a subscriber that falls behind, or on a network
/// blip) while their command sockets stay up, so sends keep succeeding while no instance hears them. Each instance
/// must replay what its members missed from the rooms' streams once it is back, once each and in order.
/// </summary>
public sealed class SubscriberOutageTests
{
    // The subscriber stays away 2-4 s (backoff with equal jitter), long enough for the sends below to land in the
    // gap even on a busy machine.
    private static readonly Dictionary<string, string?> SlowSubscriberReconnect = new()
    {
        ["Redis:ReconnectMinDelay"] = "00:00:04",
        ["Redis:ReconnectMaxDelay"] = "00:00:04",
        ["Chat:RateLimit:MessagesPerSecond"] = "1000",
        ["Chat:RateLimit:Burst"] = "1000",
    };

    [Fact]
    public async Task Messages_sent_while_the_subscribers_were_away_reach_every_member_once_in_order()
    {
        await using var server = await RedisServer.StartAsync();
        await using var cluster = RedisCluster.Start(server, 2, SlowSubscriberReconnect);
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

        await using (var admin = await RedisConnection.ConnectAsync(server.ConnectionString))
        {
            Assert.Equal(2, (await admin.ExecuteAsync("CLIENT", ["KILL", "TYPE", "pubsub"])).ToInt64());
        }

        var subscribers = cluster.Instances.Select(instance => instance.Services.GetRequiredService<RedisConnection>()).ToList();
        await Eventually.TrueAsync(() => subscribers.All(redis => redis.SubscriberState == RedisConnectionState.Reconnecting));
        for (var i = 1; i <= 3; i++)
        {
            await aliceTab.Hub.SendMessageAsync(talked, $"gap {i}");
            await bobTab.Hub.SendMessageAsync(quiet, $"quiet gap {i}");
        }

        Assert.All(subscribers, redis => Assert.Equal(RedisConnectionState.Reconnecting, redis.SubscriberState));

        await Eventually.TrueAsync(() => subscribers.All(redis => redis.IsConnected), timeout: TimeSpan.FromSeconds(15));
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
    }

    [Fact]
    public async Task A_steady_stream_of_sends_through_the_outage_and_the_replay_arrives_whole_and_in_order()
    {
        await using var server = await RedisServer.StartAsync();
        await using var cluster = RedisCluster.Start(server, 2, SlowSubscriberReconnect);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[1].CreateUserAsync("bob");
        var room = TestRooms.NewName("steady");
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var subscribers = cluster.Instances.Select(instance => instance.Services.GetRequiredService<RedisConnection>()).ToList();

        // Both users send every few milliseconds from before the outage until 20 sends after both subscribers are
        // back, so live records keep arriving while each instance replays (they are held, then follow the replay).
        var sending = new[] { (Tab: aliceTab, Name: "a"), (Tab: bobTab, Name: "b") }.Select(sender => Task.Run(async () =>
        {
            var sent = 0;
            for (var afterRestore = 0; afterRestore < 20 && sent < 1000; sent++)
            {
                await sender.Tab.Hub.SendMessageAsync(room, $"{sender.Name}{sent + 1}");
                if (subscribers.All(redis => redis.IsConnected)) afterRestore++;
                await Task.Delay(20);
            }

            return $"{sender.Name}{sent}";
        })).ToList();

        await Task.Delay(300);
        await using (var admin = await RedisConnection.ConnectAsync(server.ConnectionString))
        {
            Assert.Equal(2, (await admin.ExecuteAsync("CLIENT", ["KILL", "TYPE", "pubsub"])).ToInt64());
        }

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

    private static List<string> TextsIn(IEnumerable<ChatMessage> messages, string room) =>
        [.. messages.Where(m => m.Room == room).Select(m => m.Text)];

    private static List<string> IdsIn(IEnumerable<ChatMessage> messages, string room) =>
        [.. messages.Where(m => m.Room == room).Select(m => m.Id)];

    private static async Task<List<string>> HistoryIdsAsync(RecordedConnection tab, string room) =>
        [.. (await tab.Hub.GetHistoryAsync(room, limit: 50)).Messages.Select(m => m.Id)];
}
