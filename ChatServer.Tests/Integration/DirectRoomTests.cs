using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Tests.Integration;

public sealed class DirectRoomTests
{
    [Fact]
    public async Task Two_users_open_the_same_direct_room_and_talk_privately()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("Alice"), await app.CreateUserAsync("bob"));
        await using var aliceTab = await alice.ConnectAsync();
        await using var bobTab = await bob.ConnectAsync();

        var fromAlice = await aliceTab.Hub.OpenDirectRoomAsync(bob.Name.ToUpperInvariant());
        var fromBob = await bobTab.Hub.OpenDirectRoomAsync(alice.Name);
        await aliceTab.Hub.JoinRoomAsync(fromAlice);
        await bobTab.Hub.JoinRoomAsync(fromBob);
        await aliceTab.Hub.SendMessageAsync(fromAlice, "just us");

        Assert.Equal(fromAlice, fromBob);
        Assert.Equal("dm:" + string.Join(':', new[] { alice.Name.ToLowerInvariant(), bob.Name.ToLowerInvariant() }.Order(StringComparer.Ordinal)), fromAlice);
        Assert.Equal("just us", (await bobTab.WaitForAsync<HubEvent.Message>()).Value.Text);
        Assert.Contains(await bobTab.Hub.ListRoomsAsync(), r => r.Room == fromAlice);
    }

    [Fact]
    public async Task The_recipient_hears_of_a_direct_message_until_they_join_the_room()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("Bob"));
        await using var aliceTab = await alice.ConnectAsync();
        await using var bobTab = await bob.ConnectAsync();
        await using var bobOtherTab = await bob.ConnectAsync();
        var room = await aliceTab.Hub.OpenDirectRoomAsync(bob.Name);
        await aliceTab.Hub.JoinRoomAsync(room);

        await aliceTab.Hub.SendMessageAsync(room, "are you there?");
        Assert.Equal(new HubEvent.DirectActivity(room, alice.Name), await bobTab.WaitForAsync<HubEvent.DirectActivity>());
        Assert.Equal(new HubEvent.DirectActivity(room, alice.Name), await bobOtherTab.WaitForAsync<HubEvent.DirectActivity>());

        // Once one of Bob's tabs has joined, messages arrive there and nobody is notified any more.
        await bobTab.Hub.JoinRoomAsync(room);
        await aliceTab.Hub.SendMessageAsync(room, "now joined");
        await bobTab.MessagesUntilAsync("now joined");
        await bobOtherTab.Hub.JoinRoomAsync(room);
        await aliceTab.Hub.SendMessageAsync(room, "final");
        await bobOtherTab.MessagesUntilAsync("final");

        Assert.Single(bobTab.Seen.OfType<HubEvent.DirectActivity>());
        Assert.Single(bobOtherTab.Seen.OfType<HubEvent.DirectActivity>());
        Assert.Empty(aliceTab.Seen.OfType<HubEvent.DirectActivity>());
    }

    [Fact]
    public async Task A_third_user_cannot_join_read_send_to_or_list_a_direct_room()
    {
        await using var app = new ChatApplication();
        var (alice, bob, carol) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"), await app.CreateUserAsync("carol"));
        await using var aliceTab = await alice.ConnectAsync();
        var room = await aliceTab.Hub.OpenDirectRoomAsync(bob.Name);
        await aliceTab.Hub.JoinRoomAsync(room);
        await aliceTab.Hub.SendMessageAsync(room, "secret");
        await using var carolTab = await carol.ConnectAsync();

        var join = await Assert.ThrowsAsync<HubException>(() => carolTab.Hub.JoinRoomAsync(room));
        var read = await Assert.ThrowsAsync<HubException>(() => carolTab.Hub.GetHistoryAsync(room));
        var send = await Assert.ThrowsAsync<HubException>(() => carolTab.Hub.SendMessageAsync(room, "let me in"));
        var typing = await Assert.ThrowsAsync<HubException>(() => carolTab.Hub.StartTypingAsync(room));

        Assert.All(new[] { join, read, send, typing }, e => Assert.Contains("Not a member of this direct room", e.Message));
        Assert.DoesNotContain(await carolTab.Hub.ListRoomsAsync(), r => r.Room == room);
        Assert.Single((await aliceTab.Hub.GetHistoryAsync(room)).Messages);
    }

    [Fact]
    public async Task Opening_a_direct_room_with_yourself_or_an_unknown_user_is_refused()
    {
        await using var app = new ChatApplication();
        var alice = await app.CreateUserAsync("alice");
        await using var tab = await alice.ConnectAsync();

        var self = await Assert.ThrowsAsync<HubException>(() => tab.Hub.OpenDirectRoomAsync(alice.Name));
        var unknown = await Assert.ThrowsAsync<HubException>(() => tab.Hub.OpenDirectRoomAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]));
        var invalid = await Assert.ThrowsAsync<HubException>(() => tab.Hub.OpenDirectRoomAsync("not a name"));

        Assert.NotEqual(self.Message, unknown.Message);
        Assert.Contains("User name", invalid.Message);
        var info = await tab.Hub.GetServerInfoAsync();
        Assert.Equal(("test-instance", "memory"), (info.InstanceId, info.Mode));
        Assert.False(string.IsNullOrEmpty(info.ConnectionId));
    }
}
