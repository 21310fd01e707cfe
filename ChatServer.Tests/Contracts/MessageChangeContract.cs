using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts;

/// <summary>
/// What every <see cref="IMessageStore"/> does with changes (edits, deletes, reactions) and every
/// <see cref="IReadMarkerStore"/> with markers; run against each implementation.
/// </summary>
public abstract class MessageChangeContract
{
    private protected abstract Task<(IMessageStore Store, IRoomFeed Feed, IReadMarkerStore Markers)> CreateAsync();

    private static string NewRoom() => "r" + Guid.NewGuid().ToString("N")[..16];

    private static MessageId Id(ChatMessage message) => MessageId.Parse(message.Id);

    [Fact]
    public async Task Changes_take_their_place_between_messages_in_the_feed_and_in_reads_after_an_id()
    {
        var room = NewRoom();
        var (store, feed, _) = await CreateAsync();
        var recorder = await FeedRecorder.ListenAsync(feed, room);

        var first = (await store.PostAsync(new NewMessage(room, "alice", "one", null), default)).Message;
        var edited = await store.ChangeAsync(new MessageChange(room, Id(first), "alice", RoomChangeKind.Edited, "one!"), default);
        var second = (await store.PostAsync(new NewMessage(room, "bob", "two", null), default)).Message;
        await store.ChangeAsync(new MessageChange(room, Id(first), "bob", RoomChangeKind.Reactions, Emoji: "👍"), default);
        await store.PostAsync(new NewMessage(room, "bob", "marker", null), default);

        await recorder.MessagesUntilAsync("marker");
        var entries = await store.GetAfterAsync(room, new MessageId(0, 0), 100, default);
        Assert.True(edited.Changed);
        Assert.Equal(entries.Entries.Select(e => e.Id.ToString()), recorder.EntryIds);
        Assert.Equal([false, true, false, true, false], entries.Entries.Select(e => e.IsChange));
        Assert.Equal([first.Id, first.Id, second.Id, first.Id], entries.Entries.Take(4).Select(e => e.Message.Id));
        Assert.Equal([RoomChangeKind.Edited, RoomChangeKind.Reactions], recorder.Changes.Select(c => c.Change!.Value));
        Assert.Equal("👍", Assert.Single(recorder.Changes[1].Message.Reactions!).Emoji);
        Assert.Equal("one!", recorder.Changes[1].Message.Text);
        Assert.Equal([first.Id], entries.UpdatedAtOrBefore(Id(first)).Select(m => m.Id));
        Assert.Equal(["one!", "two", "marker"], (await store.GetBeforeAsync(room, null, 10, default)).Messages.Select(m => m.Text));
        Assert.Equal("one!", (await store.FindAsync(room, Id(first), default))!.Text);
        Assert.Equal(entries.Entries[^1].Id, await store.GetLastEntryIdAsync(room, default));
    }

    [Fact]
    public async Task A_change_that_changes_nothing_is_neither_stored_nor_handed_on()
    {
        var room = NewRoom();
        var (store, _, _) = await CreateAsync();
        var message = (await store.PostAsync(new NewMessage(room, "alice", "same", null), default)).Message;

        var edit = await store.ChangeAsync(new MessageChange(room, Id(message), "alice", RoomChangeKind.Edited, "same"), default);
        var delete = await store.ChangeAsync(new MessageChange(room, Id(message), "alice", RoomChangeKind.Deleted), default);
        var again = await store.ChangeAsync(new MessageChange(room, Id(message), "ALICE", RoomChangeKind.Deleted), default);

        Assert.False(edit.Changed);
        Assert.True(delete.Changed);
        Assert.False(again.Changed);
        Assert.Equal(2, (await store.GetAfterAsync(room, new MessageId(0, 0), 10, default)).Entries.Count);
    }

    [Fact]
    public async Task A_change_to_a_message_the_room_does_not_hold_is_not_found()
    {
        var (room, other) = (NewRoom(), NewRoom());
        var (store, _, _) = await CreateAsync();
        await store.PostAsync(new NewMessage(room, "alice", "here", null), default);

        // Ids are per room: the other room's second message has an id this room never gave out.
        await store.PostAsync(new NewMessage(other, "alice", "there", null), default);
        var elsewhere = (await store.PostAsync(new NewMessage(other, "alice", "there again", null), default)).Message;

        var error = await Assert.ThrowsAsync<ChatException>(() => store.ChangeAsync(new MessageChange(room, Id(elsewhere), "alice", RoomChangeKind.Deleted), default));

        Assert.Equal(ChatErrorKind.NotFound, error.Kind);
        Assert.Null(await store.FindAsync(room, Id(elsewhere), default));
    }

    [Fact]
    public async Task Unread_counts_skip_the_readers_own_and_deleted_messages_and_stop_at_the_cap()
    {
        var room = NewRoom();
        var (store, _, _) = await CreateAsync();
        var posted = new List<ChatMessage>();
        for (var i = 0; i < 12; i++) posted.Add((await store.PostAsync(new NewMessage(room, i % 3 == 0 ? "bob" : "alice", $"m{i}", null), default)).Message);
        await store.ChangeAsync(new MessageChange(room, Id(posted[11]), "alice", RoomChangeKind.Deleted), default);

        Assert.Equal(7, await store.CountUnreadAsync(room, "Bob", null, 100, default));
        Assert.Equal(3, await store.CountUnreadAsync(room, "bob", null, 3, default));
        Assert.Equal(2, await store.CountUnreadAsync(room, "bob", Id(posted[7]), 100, default));
        Assert.Equal(0, await store.CountUnreadAsync(room, "bob", Id(posted[11]), 100, default));
        Assert.Equal(0, await store.CountUnreadAsync(NewRoom(), "bob", null, 100, default));
    }

    [Fact]
    public async Task A_read_marker_only_moves_forward_per_user_and_room()
    {
        var (_, _, markers) = await CreateAsync();
        var (user, room, other) = ("u" + Guid.NewGuid().ToString("N")[..8], NewRoom(), NewRoom());

        Assert.True(await markers.AdvanceAsync(user, room, new MessageId(200, 1), default));
        Assert.False(await markers.AdvanceAsync(user.ToUpperInvariant(), room, new MessageId(200, 0), default));
        Assert.False(await markers.AdvanceAsync(user, room, new MessageId(200, 1), default));
        Assert.True(await markers.AdvanceAsync(user, room, new MessageId(1000, 0), default));
        Assert.True(await markers.AdvanceAsync(user, other, new MessageId(5, 0), default));

        Assert.Equal(new MessageId(1000, 0), await markers.GetAsync(user, room, default));
        Assert.Null(await markers.GetAsync("someone-else", room, default));
        var all = await markers.GetAllAsync(user, default);
        Assert.Equal(2, all.Count);
        Assert.Equal(new MessageId(5, 0), all[other]);
    }
}
