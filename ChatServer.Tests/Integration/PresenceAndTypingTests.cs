using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Integration;

public sealed class PresenceAndTypingTests
{
    [Fact]
    public async Task UserJoined_on_the_first_tab_and_UserLeft_only_when_the_last_tab_leaves()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var watcher = await alice.JoinAsync(room);

        var tab1 = await bob.ConnectAsync();
        await using var tab2 = await bob.ConnectAsync();
        await tab1.Hub.JoinRoomAsync(room);
        await tab2.Hub.JoinRoomAsync(room);
        await tab1.DisposeAsync();
        await watcher.Hub.SendMessageAsync(room, "after first tab closed");
        var events = await watcher.MessagesUntilAsync("after first tab closed");

        Assert.Single(watcher.Seen.OfType<HubEvent.Joined>(), e => e.User == bob.Name);
        Assert.DoesNotContain(watcher.Seen, e => e is HubEvent.Left);
        Assert.Contains(bob.Name, (await watcher.Hub.JoinRoomAsync(room)).Online);

        await tab2.Hub.LeaveRoomAsync(room);
        Assert.Equal(new HubEvent.Left(room, bob.Name), await watcher.WaitForAsync<HubEvent.Left>());
        Assert.DoesNotContain(bob.Name, (await watcher.Hub.JoinRoomAsync(room)).Online);
        Assert.Single(events);
    }

    [Fact]
    public async Task Closing_the_last_connection_makes_the_user_leave_every_room()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        await using var watcher = await alice.ConnectAsync();
        var (room1, room2) = (TestRooms.NewName(), TestRooms.NewName());
        await watcher.Hub.JoinRoomAsync(room1);
        await watcher.Hub.JoinRoomAsync(room2);
        var bobTab = await bob.ConnectAsync();
        await bobTab.Hub.JoinRoomAsync(room1);
        await bobTab.Hub.JoinRoomAsync(room2);

        await bobTab.DisposeAsync();

        var left1 = await watcher.WaitForAsync<HubEvent.Left>();
        var left2 = await watcher.WaitForAsync<HubEvent.Left>();
        Assert.Equal(new[] { room1, room2 }.Order(), new[] { left1.Room, left2.Room }.Order());
        Assert.All(new[] { left1, left2 }, e => Assert.Equal(bob.Name, e.User));
        var rooms = await watcher.Hub.ListRoomsAsync();
        Assert.Equal(1, rooms.Single(r => r.Room == room1).Online);
    }

    [Fact]
    public async Task Typing_is_shown_to_others_not_to_the_typist_and_cleared_by_sending()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var aliceOtherTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);

        await aliceTab.Hub.StartTypingAsync(room);
        Assert.Equal(new HubEvent.Typing(room, alice.Name, true), await bobTab.WaitForAsync<HubEvent.Typing>());
        Assert.Equal([alice.Name], (await bobTab.Hub.JoinRoomAsync(room)).Typing);

        await aliceTab.Hub.StartTypingAsync(room);
        await aliceTab.Hub.SendMessageAsync(room, "done typing");
        Assert.Equal(new HubEvent.Typing(room, alice.Name, false), await bobTab.WaitForAsync<HubEvent.Typing>());
        await bobTab.MessagesUntilAsync("done typing");
        Assert.Single(bobTab.Seen.OfType<HubEvent.Typing>(), e => e.IsTyping);

        await aliceOtherTab.MessagesUntilAsync("done typing");
        Assert.DoesNotContain(aliceOtherTab.Seen, e => e is HubEvent.Typing);
        await aliceTab.MessagesUntilAsync("done typing");
        Assert.DoesNotContain(aliceTab.Seen, e => e is HubEvent.Typing);
    }

    [Fact]
    public async Task StopTyping_and_disconnecting_clear_typing()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var aliceTab = await alice.ConnectAsync();
        var room = TestRooms.NewName();
        await using var bobTab = await bob.JoinAsync(room);
        await aliceTab.Hub.JoinRoomAsync(room);

        await aliceTab.Hub.StartTypingAsync(room);
        await aliceTab.Hub.StopTypingAsync(room);
        Assert.Equal(new HubEvent.Typing(room, alice.Name, false), await bobTab.WaitForAsync<HubEvent.Typing>(e => !e.IsTyping));

        await aliceTab.Hub.StartTypingAsync(room);
        await bobTab.WaitForAsync<HubEvent.Typing>(e => e.IsTyping);
        await aliceTab.DisposeAsync();
        Assert.Equal(new HubEvent.Typing(room, alice.Name, false), await bobTab.WaitForAsync<HubEvent.Typing>());
        Assert.Empty((await bobTab.Hub.JoinRoomAsync(room)).Typing);
    }

    [Fact]
    public async Task Typing_expires_by_itself()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:Typing:ExpirySeconds"] = "1" });
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);

        await aliceTab.Hub.StartTypingAsync(room);
        await bobTab.WaitForAsync<HubEvent.Typing>(e => e.IsTyping);

        Assert.Equal(new HubEvent.Typing(room, alice.Name, false), await bobTab.WaitForAsync<HubEvent.Typing>(timeout: TimeSpan.FromSeconds(5)));
        Assert.Empty((await bobTab.Hub.JoinRoomAsync(room)).Typing);
    }

    [Fact]
    public async Task ListRooms_shows_public_rooms_with_members_or_history()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        await using var aliceTab = await alice.ConnectAsync();
        var (busy, quiet) = (TestRooms.NewName(), TestRooms.NewName());
        await aliceTab.Hub.JoinRoomAsync(busy);
        await aliceTab.Hub.JoinRoomAsync(quiet);
        await aliceTab.Hub.SendMessageAsync(quiet, "history stays");
        await aliceTab.Hub.LeaveRoomAsync(quiet);

        await using var bobTab = await bob.ConnectAsync();
        var rooms = await bobTab.Hub.ListRoomsAsync();

        Assert.Contains(new RoomInfo(busy, 1), rooms);
        Assert.Contains(new RoomInfo(quiet, 0), rooms);
        Assert.Equal(rooms, await app.Api.GetRoomsAsync(bob.AccessToken));
    }
}
