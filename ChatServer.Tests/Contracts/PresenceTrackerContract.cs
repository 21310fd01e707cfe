using ChatServer.Chat;

namespace ChatServer.Tests.Contracts;

/// <summary>What every <see cref="IPresenceTracker"/> must do; run against each implementation.</summary>
public abstract class PresenceTrackerContract
{
    private protected abstract Task<IPresenceTracker> CreateTrackerAsync();

    protected static string NewRoom() => "r" + Guid.NewGuid().ToString("N")[..16];

    protected static string NewConnection() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_user_is_online_from_the_first_join_until_the_last_leave_across_tabs()
    {
        var presence = await CreateTrackerAsync();
        var room = NewRoom();
        var (tab1, tab2) = (NewConnection(), NewConnection());

        Assert.True(await presence.JoinAsync(room, "alice", tab1, default));
        Assert.False(await presence.JoinAsync(room, "alice", tab2, default));
        Assert.False(await presence.JoinAsync(room, "alice", tab2, default));
        Assert.Equal(["alice"], await presence.GetOnlineUsersAsync(room, default));
        Assert.Equal(new[] { tab1, tab2 }.Order(), (await presence.GetConnectionsAsync(room, "alice", default)).Order());

        Assert.False(await presence.LeaveAsync(room, "alice", tab1, default));
        Assert.Equal(["alice"], await presence.GetOnlineUsersAsync(room, default));
        Assert.True(await presence.LeaveAsync(room, "alice", tab2, default));
        Assert.False(await presence.LeaveAsync(room, "alice", tab2, default));
        Assert.Empty(await presence.GetOnlineUsersAsync(room, default));
    }

    [Fact]
    public async Task Online_users_are_listed_in_name_order_and_counted_per_room()
    {
        var presence = await CreateTrackerAsync();
        var (room, other) = (NewRoom(), NewRoom());
        await presence.JoinAsync(room, "carol", NewConnection(), default);
        await presence.JoinAsync(room, "alice", NewConnection(), default);
        await presence.JoinAsync(room, "bob", NewConnection(), default);
        await presence.JoinAsync(room, "bob", NewConnection(), default);
        await presence.JoinAsync(other, "alice", NewConnection(), default);

        var counts = await presence.GetOnlineCountsAsync(default);

        Assert.Equal(["alice", "bob", "carol"], await presence.GetOnlineUsersAsync(room, default));
        Assert.Equal(3, counts[room]);
        Assert.Equal(1, counts[other]);
    }

    [Fact]
    public async Task Joined_is_tracked_per_connection()
    {
        var presence = await CreateTrackerAsync();
        var room = NewRoom();
        var (joined, elsewhere) = (NewConnection(), NewConnection());
        await presence.JoinAsync(room, "alice", joined, default);

        Assert.True(await presence.IsJoinedAsync(room, joined, default));
        Assert.False(await presence.IsJoinedAsync(room, elsewhere, default));
        Assert.False(await presence.IsJoinedAsync(NewRoom(), joined, default));
    }

    [Fact]
    public async Task Disconnect_leaves_every_room_and_reports_only_rooms_the_user_left_entirely()
    {
        var presence = await CreateTrackerAsync();
        var (solo, shared, untouched) = (NewRoom(), NewRoom(), NewRoom());
        var (closing, stillOpen) = (NewConnection(), NewConnection());
        await presence.JoinAsync(solo, "alice", closing, default);
        await presence.JoinAsync(shared, "alice", closing, default);
        await presence.JoinAsync(shared, "alice", stillOpen, default);
        await presence.JoinAsync(untouched, "bob", NewConnection(), default);

        var departures = await presence.DisconnectAsync("alice", closing, default);

        Assert.Equal([new RoomDeparture(solo, UserLeft: true), new RoomDeparture(shared, UserLeft: false)], departures.OrderBy(d => d.UserLeft ? 0 : 1));
        Assert.Empty(await presence.GetOnlineUsersAsync(solo, default));
        Assert.Equal(["alice"], await presence.GetOnlineUsersAsync(shared, default));
        Assert.False(await presence.IsJoinedAsync(shared, closing, default));
        Assert.Equal(["bob"], await presence.GetOnlineUsersAsync(untouched, default));
        Assert.Empty(await presence.DisconnectAsync("alice", closing, default));
    }

    [Fact]
    public async Task Concurrent_joins_and_leaves_of_many_tabs_report_exactly_one_first_and_one_last()
    {
        var presence = await CreateTrackerAsync();
        var room = NewRoom();
        var tabs = Enumerable.Range(0, 20).Select(_ => NewConnection()).ToList();

        var joins = await Task.WhenAll(tabs.Select(tab => Task.Run(() => presence.JoinAsync(room, "alice", tab, default))));
        var leaves = await Task.WhenAll(tabs.Select(tab => Task.Run(() => presence.LeaveAsync(room, "alice", tab, default))));

        Assert.Single(joins, first => first);
        Assert.Single(leaves, last => last);
        Assert.Empty(await presence.GetOnlineUsersAsync(room, default));
    }
}
