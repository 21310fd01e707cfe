using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.ScaleOut;

/// <summary>Edits, deletes, reactions, mentions and read markers across three instances sharing one Redis.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class MessageLifecycleScaleOutTests(RedisServerFixture redis)
{
    private static readonly Dictionary<string, string?> HighRateLimit = new() { ["Chat:RateLimit:Burst"] = "10000", ["Chat:RateLimit:MessagesPerSecond"] = "10000" };

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task Concurrent_edits_deletes_and_reactions_on_three_instances_reach_every_member_in_one_order(ChatProtocol firstProtocol)
    {
        await using var cluster = RedisCluster.Start(redis, 3, HighRateLimit, firstProtocol);
        var room = TestRooms.NewName();
        var tabs = new List<RecordedConnection>();
        for (var i = 0; i < 3; i++)
        {
            tabs.Add(await (await cluster[i].CreateUserAsync($"u{i}")).JoinAsync(room));
        }

        try
        {
            var sent = new List<ChatMessage>[3];
            for (var i = 0; i < 3; i++)
            {
                sent[i] = [];
                for (var j = 0; j < 4; j++) sent[i].Add(await tabs[i].Hub.SendMessageAsync(room, $"{i}:{j}"));
            }

            // Every member reacts to every message at once (concurrent changes of one message), then each edits and
            // deletes its own at once.
            await Task.WhenAll(tabs.Select(tab => Task.Run(async () =>
            {
                foreach (var message in sent.SelectMany(s => s))
                {
                    await tab.Hub.ToggleReactionAsync(room, message.Id, "👍");
                }
            })));
            await Task.WhenAll(tabs.Select((tab, i) => Task.Run(async () =>
            {
                await tab.Hub.EditMessageAsync(room, sent[i][0].Id, $"{i}:0 edited");
                await tab.Hub.DeleteMessageAsync(room, sent[i][1].Id);
            })));
            await tabs[0].Hub.SendMessageAsync(room, "marker");

            var streams = new List<List<string>>();
            foreach (var tab in tabs)
            {
                await tab.MessagesUntilAsync("marker");
                streams.Add([.. tab.Seen.Select(Describe).OfType<string>()]);
            }

            Assert.Equal(12 + 3 + 3 + 36 + 1, streams[0].Count);
            Assert.Equal(streams[0], streams[1]);
            Assert.Equal(streams[0], streams[2]);
            var history = (await tabs[2].Hub.GetHistoryAsync(room)).Messages;
            Assert.Equal(3, history.Count(m => m.IsDeleted));
            Assert.All(history.Where(m => !m.IsDeleted && m.Text != "marker"), m => Assert.Equal(3, Assert.Single(m.Reactions!).Users.Count));
        }
        finally
        {
            foreach (var tab in tabs) await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_client_offline_through_an_edit_and_a_delete_learns_both_on_resume_from_another_instance()
    {
        await using var cluster = RedisCluster.Start(redis, 3, HighRateLimit);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[2].CreateUserAsync("bob");
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        var bobTab = await bob.JoinAsync(room);
        var (kept, doomed) = (await aliceTab.Hub.SendMessageAsync(room, "first"), await aliceTab.Hub.SendMessageAsync(room, "second"));
        await bobTab.MessagesUntilAsync("second");

        // The .NET client keeps its place while stopped, and raises MessageUpdated for what changed meanwhile.
        await bobTab.Hub.StopAsync();
        await aliceTab.Hub.EditMessageAsync(room, kept.Id, "first, edited");
        await aliceTab.Hub.DeleteMessageAsync(room, doomed.Id);
        await aliceTab.Hub.SendMessageAsync(room, "third");
        await bobTab.Hub.StartAsync();
        await bobTab.Hub.ResumeAsync();

        await bobTab.WaitForAsync<HubEvent.Message>(m => m.Value.Text == "third");
        var updates = new[] { await bobTab.WaitForAsync<HubEvent.Updated>(), await bobTab.WaitForAsync<HubEvent.Updated>() };
        Assert.Equal((kept.Id, "first, edited"), (updates[0].Value.Id, updates[0].Value.Text));
        Assert.Equal((doomed.Id, true), (updates[1].Value.Id, updates[1].Value.IsDeleted));
        await bobTab.DisposeAsync();

        await using var elsewhere = await new TestUser(cluster[1], bob.Name, bob.AccessToken).ConnectAsync();
        var resumed = await elsewhere.Hub.JoinRoomAsync(room, doomed.Id);
        Assert.Equal([kept.Id, doomed.Id], resumed.Updated.Select(m => m.Id));
    }

    [Fact]
    public async Task Two_connections_of_one_user_on_different_instances_keep_one_read_marker()
    {
        await using var cluster = RedisCluster.Start(redis, 3, HighRateLimit);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[0].CreateUserAsync("bob");
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobHere = await new TestUser(cluster[1], bob.Name, bob.AccessToken).JoinAsync(room);
        await using var bobThere = await new TestUser(cluster[2], bob.Name, bob.AccessToken).ConnectAsync();
        // The handshake completes before the instance has subscribed the connection to its user's channel; a call
        // is dispatched only after that, so its answer means the ReadMarker below can reach this connection.
        await bobThere.Hub.ListRoomsAsync();
        var sent = new List<ChatMessage>();
        for (var i = 0; i < 4; i++) sent.Add(await aliceTab.Hub.SendMessageAsync(room, $"m{i}"));

        await bobHere.Hub.MarkReadAsync(room, sent[2].Id);
        Assert.Equal(new HubEvent.ReadMarker(room, sent[2].Id), await bobThere.WaitForAsync<HubEvent.ReadMarker>());
        await bobThere.Hub.MarkReadAsync(room, sent[0].Id);

        var fromThird = Assert.Single(await bobThere.Hub.ListRoomsAsync(), r => r.Room == room);
        Assert.Equal((1, sent[2].Id), (fromThird.Unread, fromThird.LastReadId));
        Assert.Equal(sent[2].Id, (await bobThere.Hub.JoinRoomAsync(room)).LastReadId);
        Assert.DoesNotContain(bobHere.Seen, e => e is HubEvent.ReadMarker);
    }

    [Fact]
    public async Task A_mention_reaches_every_connection_of_a_user_on_other_instances_who_is_not_in_the_room()
    {
        await using var cluster = RedisCluster.Start(redis, 3, HighRateLimit);
        var alice = await cluster[0].CreateUserAsync("alice");
        var bob = await cluster[0].CreateUserAsync("bob");
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobOnSecond = await new TestUser(cluster[1], bob.Name, bob.AccessToken).ConnectAsync();
        await using var bobOnThird = await new TestUser(cluster[2], bob.Name, bob.AccessToken).ConnectAsync();

        var sent = await aliceTab.Hub.SendMessageAsync(room, $"ping @{bob.Name}");

        foreach (var tab in new[] { bobOnSecond, bobOnThird })
        {
            var mentioned = await tab.WaitForAsync<HubEvent.Mentioned>();
            Assert.Equal((room, sent.Id, alice.Name), (mentioned.Room, mentioned.Value.Id, mentioned.Value.User));
        }
    }

    // Each event a member saw, as text, in arrival order (presence and typing left out).
    private static string? Describe(HubEvent e) => e switch
    {
        HubEvent.Message m => $"message {m.Value.Id}",
        HubEvent.Edited m => $"edited {m.Value.Id} {m.Value.Text}",
        HubEvent.Deleted d => $"deleted {d.Id}",
        HubEvent.Reactions r => $"reactions {r.Id} {string.Join(";", r.Value.Select(x => x.Emoji + ":" + string.Join(",", x.Users)))}",
        _ => null,
    };
}
