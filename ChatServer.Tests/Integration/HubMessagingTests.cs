using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Integration;

public sealed class HubMessagingTests
{
    [Fact]
    public async Task A_message_reaches_every_member_including_the_sender_with_server_assigned_fields()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var before = DateTime.UtcNow.AddSeconds(-5);

        var sent = await aliceTab.Hub.SendMessageAsync(room, "  hello bob  ", "client-1");

        Assert.Equal(new ChatMessage(sent.Id, room, alice.Name, "hello bob", sent.SentAt, "client-1"), sent);
        Assert.InRange(sent.SentAt, before, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(sent, (await bobTab.WaitForAsync<HubEvent.Message>()).Value);
        Assert.Equal(sent, (await aliceTab.WaitForAsync<HubEvent.Message>()).Value);
    }

    [Fact]
    public async Task Messages_are_not_delivered_to_other_rooms_or_after_leaving()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        await using var aliceTab = await alice.ConnectAsync();
        await using var bobTab = await bob.ConnectAsync();
        var (room, other) = (TestRooms.NewName(), TestRooms.NewName());
        await aliceTab.Hub.JoinRoomAsync(room);
        await aliceTab.Hub.JoinRoomAsync(other);
        await bobTab.Hub.JoinRoomAsync(room);

        await aliceTab.Hub.SendMessageAsync(other, "not for bob");
        await bobTab.Hub.LeaveRoomAsync(room);
        await aliceTab.Hub.SendMessageAsync(room, "bob left already");
        await bobTab.Hub.JoinRoomAsync(other);
        await aliceTab.Hub.SendMessageAsync(other, "marker");

        var received = await bobTab.MessagesUntilAsync("marker");
        Assert.Equal(["marker"], received.Select(m => m.Text));
    }

    [Fact]
    public async Task Join_returns_the_latest_50_messages_oldest_first_and_who_is_online()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:RateLimit:Burst"] = "1000" });
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        for (var i = 0; i < 60; i++)
        {
            await aliceTab.Hub.SendMessageAsync(room, $"m{i}");
        }

        await using var bobTab = await bob.ConnectAsync();
        var snapshot = await bobTab.Hub.JoinRoomAsync(room);

        Assert.Equal(room, snapshot.Room);
        Assert.Equal(Enumerable.Range(10, 50).Select(i => $"m{i}"), snapshot.Messages.Select(m => m.Text));
        Assert.True(snapshot.HasMore);
        Assert.Equal(new[] { alice.Name, bob.Name }.Order(StringComparer.Ordinal), snapshot.Online);
        Assert.Empty(snapshot.Typing);
    }

    [Fact]
    public async Task GetHistory_pages_backwards_until_the_first_message()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:RateLimit:Burst"] = "1000" });
        var alice = await app.CreateUserAsync("alice");
        var room = TestRooms.NewName();
        await using var tab = await alice.JoinAsync(room);
        var sent = new List<string>();
        for (var i = 0; i < 45; i++)
        {
            sent.Add((await tab.Hub.SendMessageAsync(room, $"m{i}")).Id);
        }

        var pages = new List<HistoryPage>();
        string? before = null;
        do
        {
            pages.Insert(0, await tab.Hub.GetHistoryAsync(room, before, 20));
            before = pages[0].Messages[0].Id;
        }
        while (pages[0].HasMore);

        Assert.Equal([5, 20, 20], pages.Select(p => p.Messages.Count));
        Assert.Equal(sent, pages.SelectMany(p => p.Messages).Select(m => m.Id));
        Assert.Equal(sent[^20..], (await tab.Hub.GetHistoryAsync(room, limit: 20)).Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task Rejoining_with_sinceId_returns_exactly_the_missed_messages()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:RateLimit:Burst"] = "1000" });
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        var seen = await aliceTab.Hub.SendMessageAsync(room, "seen by bob");

        // Bob was offline while these were sent; he resumes from the last id he saw.
        var missed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            missed.Add((await aliceTab.Hub.SendMessageAsync(room, $"missed {i}")).Id);
        }

        await using var bobTab = await bob.ConnectAsync();
        var resumed = await bobTab.Hub.JoinRoomAsync(room, seen.Id);

        Assert.Equal(missed, resumed.Messages.Select(m => m.Id));
        Assert.False(resumed.HasMore);
        Assert.Empty((await bobTab.Hub.JoinRoomAsync(room, missed[^1])).Messages);
    }

    [Fact]
    public async Task Resuming_after_more_than_500_messages_returns_500_and_says_there_is_more()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:RateLimit:Burst"] = "1000" });
        var alice = await app.CreateUserAsync("alice");
        var room = TestRooms.NewName();
        await using var tab = await alice.JoinAsync(room);
        var first = await tab.Hub.SendMessageAsync(room, "first");
        for (var i = 0; i < 520; i++)
        {
            await tab.Hub.SendMessageAsync(room, $"m{i}");
        }

        var resumed = await tab.Hub.JoinRoomAsync(room, first.Id);

        Assert.Equal(500, resumed.Messages.Count);
        Assert.True(resumed.HasMore);
        Assert.Equal("m0", resumed.Messages[0].Text);
        var rest = await tab.Hub.JoinRoomAsync(room, resumed.Messages[^1].Id);
        Assert.Equal(Enumerable.Range(500, 20).Select(i => $"m{i}"), rest.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_retried_send_returns_the_first_message_and_is_delivered_once()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var aliceOtherTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);

        var first = await aliceTab.Hub.SendMessageAsync(room, "only once", "retry-me");
        var retry = await aliceOtherTab.Hub.SendMessageAsync(room, "only once", "retry-me");
        await aliceTab.Hub.SendMessageAsync(room, "marker");

        Assert.Equal(first, retry);
        var received = await bobTab.MessagesUntilAsync("marker");
        Assert.Equal(["only once", "marker"], received.Select(m => m.Text));
        Assert.Equal(2, (await bobTab.Hub.GetHistoryAsync(room)).Messages.Count);
    }

    [Fact]
    public async Task Every_member_sees_concurrent_senders_in_the_same_order_as_history()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:RateLimit:Burst"] = "1000" });
        var room = TestRooms.NewName();
        var tabs = new List<RecordedConnection>();
        for (var i = 0; i < 4; i++)
        {
            var tab = await (await app.CreateUserAsync($"u{i}")).ConnectAsync();
            await tab.Hub.JoinRoomAsync(room);
            tabs.Add(tab);
        }

        try
        {
            await Task.WhenAll(tabs.Select((tab, sender) => Task.Run(async () =>
            {
                for (var i = 0; i < 25; i++)
                {
                    await tab.Hub.SendMessageAsync(room, $"{sender}:{i}");
                }
            })));
            await tabs[0].Hub.SendMessageAsync(room, "marker");

            var historyIds = (await tabs[0].Hub.JoinRoomAsync(room, "0-0")).Messages.Select(m => m.Id).ToList();
            Assert.Equal(101, historyIds.Count);
            foreach (var tab in tabs)
            {
                Assert.Equal(historyIds, (await tab.MessagesUntilAsync("marker")).Select(m => m.Id));
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
}
