using ChatServer.Delivery;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Limits;

/// <summary>A user's rapid typing and join/leave loops reach the room as a couple of events carrying the final state.</summary>
public sealed class BroadcastCoalescingTests : IAsyncLifetime
{
    private readonly ChatApplication _app = new(new Dictionary<string, string?> { ["Chat:Broadcast:CoalesceMilliseconds"] = "300" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sixty_start_stop_pairs_give_each_member_at_most_a_few_TypingChanged_ending_not_typing()
    {
        var room = TestRooms.NewName();
        await using var alice = await (await _app.CreateUserAsync("alice")).JoinAsync(room);
        var bobUser = await _app.CreateUserAsync("bob");
        await using var bob = await bobUser.JoinAsync(room);
        await alice.WaitForAsync<HubEvent.Joined>(e => e.User == bobUser.Name);

        for (var i = 0; i < 60; i++)
        {
            await bob.Hub.StartTypingAsync(room);
            await bob.Hub.StopTypingAsync(room);
        }

        var typing = await AfterTheRoomSettlesAsync(alice, room);
        var bobs = typing.OfType<HubEvent.Typing>().Where(e => e.User == bobUser.Name).ToList();
        Assert.InRange(bobs.Count, 1, 4);
        Assert.False(bobs[^1].IsTyping);
    }

    [Fact]
    public async Task Fifty_join_leave_pairs_give_each_member_at_most_a_few_events_ending_in_the_final_state()
    {
        var room = TestRooms.NewName();
        await using var alice = await (await _app.CreateUserAsync("alice")).JoinAsync(room);
        var bobUser = await _app.CreateUserAsync("bob");
        await using var bob = await bobUser.ConnectAsync();

        for (var i = 0; i < 50; i++)
        {
            await bob.Hub.JoinRoomAsync(room);
            await bob.Hub.LeaveRoomAsync(room);
        }

        await bob.Hub.JoinRoomAsync(room);

        var events = (await AfterTheRoomSettlesAsync(alice, room)).Where(e => e is HubEvent.Joined { User: var j } && j == bobUser.Name || e is HubEvent.Left { User: var l } && l == bobUser.Name).ToList();
        Assert.InRange(events.Count, 1, 4);
        Assert.IsType<HubEvent.Joined>(events[^1]);
    }

    [Fact]
    public async Task A_single_change_goes_out_at_once_and_the_next_one_a_window_later_at_most()
    {
        var room = TestRooms.NewName();
        await using var alice = await (await _app.CreateUserAsync("alice")).JoinAsync(room);
        var bobUser = await _app.CreateUserAsync("bob");
        await using var bob = await bobUser.JoinAsync(room);

        await bob.Hub.StartTypingAsync(room);
        Assert.True((await alice.WaitForAsync<HubEvent.Typing>(e => e.User == bobUser.Name)).IsTyping);
        await bob.Hub.StopTypingAsync(room);
        Assert.False((await alice.WaitForAsync<HubEvent.Typing>(e => e.User == bobUser.Name)).IsTyping);
    }

    /// <summary>
    /// Waits until every folded change has gone out (the coalescer forgets an entry only after a quiet window), then
    /// for a marker signal published after them: the room's feed keeps publish order, so nothing of the loop is still
    /// on its way. Returns the events <paramref name="member"/> saw before the marker.
    /// </summary>
    private async Task<IReadOnlyList<HubEvent>> AfterTheRoomSettlesAsync(RecordedConnection member, string room)
    {
        var coalescer = _app.Services.GetRequiredService<RoomSignalCoalescer>();
        await Eventually.TrueAsync(() => coalescer.Count == 0, because: "every folded change is sent and its window has passed");
        var marker = await _app.CreateUserAsync("marker");
        await using var markerTab = await marker.JoinAsync(room);
        await member.WaitForAsync<HubEvent.Joined>(e => e.User == marker.Name);
        return [.. member.Seen.TakeWhile(e => e is not HubEvent.Joined { User: var user } || user != marker.Name)];
    }
}
