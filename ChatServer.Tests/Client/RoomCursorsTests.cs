using ChatServer.Client;

namespace ChatServer.Tests.Client;

/// <summary>The ordering rules ChatClient relies on when a join's snapshot and live messages overlap.</summary>
public sealed class RoomCursorsTests
{
    private static ChatMessage Message(string id, string room = "lobby") => new(id, room, "ada", "text " + id, DateTime.UnixEpoch, null);

    private static RoomSnapshot Snapshot(params string[] ids) => new("lobby", [.. ids.Select(id => Message(id))], false, [], [], [], null);

    [Fact]
    public void Live_messages_during_a_first_join_wait_and_only_those_newer_than_the_snapshot_are_released()
    {
        var cursors = new RoomCursors();
        cursors.BeginJoin("lobby");

        Assert.False(cursors.AcceptLive(Message("5-0")));
        Assert.False(cursors.AcceptLive(Message("6-0")));
        var released = cursors.CompleteJoin("lobby", Snapshot("4-0", "5-0"), useSnapshot: true, includeSnapshot: false);

        Assert.Equal(["6-0"], released.Select(m => m.Id));
        Assert.Equal([("lobby", (string?)"6-0")], cursors.Snapshot());
        Assert.False(cursors.AcceptLive(Message("6-0")));
        Assert.True(cursors.AcceptLive(Message("7-0")));
    }

    [Fact]
    public void A_resume_releases_the_missed_messages_then_the_held_ones_in_order_once_each()
    {
        var cursors = new RoomCursors();
        cursors.BeginJoin("lobby");
        cursors.CompleteJoin("lobby", Snapshot("1-0", "2-0"), useSnapshot: true, includeSnapshot: false);

        Assert.Equal("2-0", cursors.BeginJoin("lobby"));
        cursors.AcceptLive(Message("4-0"));
        cursors.AcceptLive(Message("5-0"));
        var released = cursors.CompleteJoin("lobby", Snapshot("3-0", "4-0"), useSnapshot: true, includeSnapshot: true);

        Assert.Equal(["3-0", "4-0", "5-0"], released.Select(m => m.Id));
    }

    [Fact]
    public void Joining_a_followed_room_again_with_an_old_sinceId_leaves_its_events_alone()
    {
        var cursors = new RoomCursors();
        cursors.BeginJoin("lobby");
        cursors.CompleteJoin("lobby", Snapshot("1-0"), useSnapshot: true, includeSnapshot: false);

        cursors.BeginJoin("lobby");
        cursors.AcceptLive(Message("3-0"));
        var released = cursors.CompleteJoin("lobby", Snapshot("1-0", "2-0", "3-0"), useSnapshot: false, includeSnapshot: false);

        Assert.Equal(["3-0"], released.Select(m => m.Id));
    }

    [Fact]
    public void A_failed_first_join_forgets_the_room_and_a_failed_rejoin_keeps_it()
    {
        var cursors = new RoomCursors();
        cursors.BeginJoin("secret");
        Assert.Empty(cursors.FailJoin("secret", wasJoined: false));
        Assert.False(cursors.IsJoined("secret"));

        cursors.BeginJoin("lobby");
        cursors.CompleteJoin("lobby", Snapshot("1-0"), useSnapshot: true, includeSnapshot: false);
        cursors.BeginJoin("lobby");
        cursors.AcceptLive(Message("2-0"));
        Assert.Equal(["2-0"], cursors.FailJoin("lobby", wasJoined: true).Select(m => m.Id));
        Assert.True(cursors.IsJoined("lobby"));
    }

    [Fact]
    public void Messages_of_rooms_not_joined_through_the_client_pass_through()
    {
        var cursors = new RoomCursors();

        Assert.True(cursors.AcceptLive(Message("1-0", "elsewhere")));
        Assert.True(cursors.AcceptLive(Message("1-0", "elsewhere")));
    }
}
