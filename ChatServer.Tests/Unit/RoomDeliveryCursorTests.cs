using ChatServer.Chat;
using ChatServer.Chat.Redis;

namespace ChatServer.Tests.Unit;

public sealed class RoomDeliveryCursorTests
{
    private static MessageId Id(long ms) => new(ms, 0);

    private static ChatMessage Message(long ms) => new($"{ms}-0", "room", "alice", $"m{ms}", DateTime.UnixEpoch.AddMilliseconds(ms), null);

    [Fact]
    public void Live_messages_are_delivered_once_each()
    {
        var cursor = new RoomDeliveryCursor<ChatMessage>(10);

        Assert.True(cursor.TryAcceptLive(Id(1), Message(1)));
        Assert.True(cursor.TryAcceptLive(Id(2), Message(2)));
        Assert.False(cursor.TryAcceptLive(Id(2), Message(2)));
        Assert.False(cursor.TryAcceptLive(Id(1), Message(1)));
    }

    [Fact]
    public void Without_a_floor_or_a_delivery_there_is_nothing_to_replay_from()
    {
        var cursor = new RoomDeliveryCursor<ChatMessage>(10);

        Assert.False(cursor.TryBeginReplay(out _));
        Assert.True(cursor.TryAcceptLive(Id(5), Message(5)));
        Assert.True(cursor.TryBeginReplay(out var after));
        Assert.Equal(Id(5), after);
    }

    [Fact]
    public void A_replay_starts_after_the_floor_or_the_last_delivery_whichever_is_newer()
    {
        var emptyRoom = new RoomDeliveryCursor<ChatMessage>(10);
        emptyRoom.SetFloor(null);
        Assert.True(emptyRoom.TryBeginReplay(out var fromStart));
        Assert.Equal(default, fromStart);

        var behindFloor = new RoomDeliveryCursor<ChatMessage>(10);
        behindFloor.SetFloor(Id(7));
        Assert.True(behindFloor.TryAcceptLive(Id(3), Message(3)));
        Assert.True(behindFloor.TryBeginReplay(out var afterFloor));
        Assert.Equal(Id(7), afterFloor);

        var pastFloor = new RoomDeliveryCursor<ChatMessage>(10);
        pastFloor.SetFloor(Id(7));
        Assert.True(pastFloor.TryAcceptLive(Id(9), Message(9)));
        Assert.True(pastFloor.TryBeginReplay(out var afterDelivered));
        Assert.Equal(Id(9), afterDelivered);
    }

    [Fact]
    public void Live_messages_wait_for_the_replay_and_follow_it_without_repeats()
    {
        var cursor = new RoomDeliveryCursor<ChatMessage>(10);
        Assert.True(cursor.TryAcceptLive(Id(1), Message(1)));
        Assert.True(cursor.TryBeginReplay(out var after));
        Assert.Equal(Id(1), after);
        Assert.False(cursor.TryBeginReplay(out _));

        // Live records of 3 and 4 arrive while the stream is read (it holds 2 and 3).
        Assert.False(cursor.TryAcceptLive(Id(3), Message(3)));
        Assert.False(cursor.TryAcceptLive(Id(4), Message(4)));
        Assert.True(cursor.TryAcceptReplayed(Id(2)));
        Assert.True(cursor.TryAcceptReplayed(Id(3)));

        Assert.Equal([Message(4)], cursor.TakeHeld(out var reread));
        Assert.Null(reread);
        Assert.False(cursor.TryAcceptLive(Id(5), Message(5)));
        Assert.Equal([Message(5)], cursor.TakeHeld(out _));

        // Nothing held: the replay is over and live delivery resumes.
        Assert.Empty(cursor.TakeHeld(out reread));
        Assert.Null(reread);
        Assert.True(cursor.TryAcceptLive(Id(6), Message(6)));
        Assert.False(cursor.TryAcceptLive(Id(4), Message(4)));
    }

    [Fact]
    public void Holding_more_than_the_capacity_makes_the_replay_read_the_stream_again()
    {
        var cursor = new RoomDeliveryCursor<ChatMessage>(2);
        cursor.SetFloor(Id(1));
        Assert.True(cursor.TryBeginReplay(out _));
        Assert.True(cursor.TryAcceptReplayed(Id(2)));
        foreach (var ms in new long[] { 3, 4, 5 })
        {
            Assert.False(cursor.TryAcceptLive(Id(ms), Message(ms)));
        }

        Assert.Empty(cursor.TakeHeld(out var reread));
        Assert.Equal(Id(2), reread);

        // Still replaying: live records keep being held until the stream is read again and nothing is held.
        Assert.False(cursor.TryAcceptLive(Id(6), Message(6)));
        foreach (var ms in new long[] { 3, 4, 5, 6 })
        {
            Assert.True(cursor.TryAcceptReplayed(Id(ms)));
        }

        Assert.Empty(cursor.TakeHeld(out reread));
        Assert.Null(reread);
        Assert.True(cursor.TryAcceptLive(Id(7), Message(7)));
    }

    [Fact]
    public void An_abandoned_replay_keeps_holding_and_the_next_starts_from_what_was_delivered()
    {
        var cursor = new RoomDeliveryCursor<ChatMessage>(10);
        cursor.SetFloor(Id(1));
        Assert.True(cursor.TryBeginReplay(out _));
        Assert.True(cursor.TryAcceptReplayed(Id(2)));
        Assert.False(cursor.TryAcceptLive(Id(4), Message(4)));

        cursor.AbandonReplay();
        Assert.False(cursor.TryAcceptLive(Id(5), Message(5)));

        Assert.True(cursor.TryBeginReplay(out var after));
        Assert.Equal(Id(2), after);
        foreach (var ms in new long[] { 3, 4, 5 })
        {
            Assert.True(cursor.TryAcceptReplayed(Id(ms)));
        }

        Assert.Empty(cursor.TakeHeld(out _));
        Assert.True(cursor.TryAcceptLive(Id(6), Message(6)));
    }

    [Fact]
    public void After_a_gap_live_messages_wait_for_the_replay_even_before_it_starts()
    {
        var cursor = new RoomDeliveryCursor<ChatMessage>(10);
        Assert.True(cursor.TryAcceptLive(Id(1), Message(1)));

        // The subscriber is lost; once back, the first live record (3) arrives before the replay begins.
        cursor.MarkGap();
        Assert.False(cursor.TryAcceptLive(Id(3), Message(3)));

        Assert.True(cursor.TryBeginReplay(out var after));
        Assert.Equal(Id(1), after);
        Assert.True(cursor.TryAcceptReplayed(Id(2)));
        Assert.True(cursor.TryAcceptReplayed(Id(3)));
        Assert.False(cursor.TryAcceptLive(Id(4), Message(4)));
        Assert.Equal([Message(4)], cursor.TakeHeld(out _));
        Assert.Empty(cursor.TakeHeld(out _));
        Assert.True(cursor.TryAcceptLive(Id(5), Message(5)));
    }

    [Fact]
    public void A_gap_in_a_room_whose_position_is_unknown_holds_nothing()
    {
        var cursor = new RoomDeliveryCursor<ChatMessage>(10);

        cursor.MarkGap();

        Assert.True(cursor.TryAcceptLive(Id(1), Message(1)));
    }
}
