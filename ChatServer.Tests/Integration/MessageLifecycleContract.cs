using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.ScaleOut;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Integration;

/// <summary>
/// Edits, deletes, reactions, replies, mentions and read markers through the real hub, run in both modes (in memory;
/// Redis with MessagePack clients), so both stores and both protocols keep the same promises.
/// </summary>
public abstract class MessageLifecycleContract
{
    protected static readonly Dictionary<string, string?> HighRateLimit = new() { ["Chat:RateLimit:Burst"] = "1000", ["Chat:RateLimit:MessagesPerSecond"] = "1000" };

    private protected abstract ChatApplication CreateApp();

    [Fact]
    public async Task An_edit_reaches_every_member_with_editedAt_and_history_shows_the_current_text()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var sent = await aliceTab.Hub.SendMessageAsync(room, "helo", "c-1");

        var edited = await aliceTab.Hub.EditMessageAsync(room, sent.Id, "  hello  ");
        var again = await aliceTab.Hub.EditMessageAsync(room, sent.Id, "hello");
        await aliceTab.Hub.SendMessageAsync(room, "marker");

        Assert.Equal((sent.Id, "hello", "c-1"), (edited.Id, edited.Text, edited.ClientMessageId));
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(edited.EditedAt, again.EditedAt);
        var seen = await bobTab.WaitForAsync<HubEvent.Edited>();
        Assert.Equal((sent.Id, "hello", edited.EditedAt), (seen.Value.Id, seen.Value.Text, seen.Value.EditedAt));
        await bobTab.MessagesUntilAsync("marker");
        Assert.Single(bobTab.Seen.OfType<HubEvent.Edited>());
        var history = (await bobTab.Hub.GetHistoryAsync(room)).Messages;
        Assert.Equal(["hello", "marker"], history.Select(m => m.Text));
        Assert.Equal(edited.EditedAt, history[0].EditedAt);
    }

    [Fact]
    public async Task Only_the_author_can_edit_or_delete_and_nothing_changes_when_someone_else_tries()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var sent = await aliceTab.Hub.SendMessageAsync(room, "mine");

        var edit = await Assert.ThrowsAsync<HubException>(() => bobTab.Hub.EditMessageAsync(room, sent.Id, "yours now"));
        var delete = await Assert.ThrowsAsync<HubException>(() => bobTab.Hub.DeleteMessageAsync(room, sent.Id));

        Assert.Contains("Only the author can edit this message", edit.Message, StringComparison.Ordinal);
        Assert.Contains("Only the author can delete this message", delete.Message, StringComparison.Ordinal);
        Assert.Equal("mine", Assert.Single((await bobTab.Hub.GetHistoryAsync(room)).Messages).Text);
    }

    [Fact]
    public async Task A_delete_leaves_a_tombstone_without_text_and_the_room_hears_it_once()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var sent = await aliceTab.Hub.SendMessageAsync(room, "regrettable");
        await bobTab.Hub.ToggleReactionAsync(room, sent.Id, "👍");

        await aliceTab.Hub.DeleteMessageAsync(room, sent.Id);
        await aliceTab.Hub.DeleteMessageAsync(room, sent.Id);
        var edit = await Assert.ThrowsAsync<HubException>(() => aliceTab.Hub.EditMessageAsync(room, sent.Id, "better"));
        var react = await Assert.ThrowsAsync<HubException>(() => bobTab.Hub.ToggleReactionAsync(room, sent.Id, "👍"));
        await aliceTab.Hub.SendMessageAsync(room, "marker");

        Assert.Equal(new HubEvent.Deleted(room, sent.Id), await bobTab.WaitForAsync<HubEvent.Deleted>());
        await bobTab.MessagesUntilAsync("marker");
        Assert.Single(bobTab.Seen.OfType<HubEvent.Deleted>());
        Assert.Contains("The message was deleted", edit.Message, StringComparison.Ordinal);
        Assert.Contains("The message was deleted", react.Message, StringComparison.Ordinal);
        var tombstone = (await bobTab.Hub.GetHistoryAsync(room)).Messages[0];
        Assert.Equal((sent.Id, alice.Name, true, null, null), (tombstone.Id, tombstone.User, tombstone.Deleted, tombstone.Text, tombstone.Reactions));
        var snapshot = await bobTab.Hub.JoinRoomAsync(room);
        Assert.True(snapshot.Messages[0].IsDeleted);
    }

    [Fact]
    public async Task Reactions_toggle_per_user_in_order_of_first_use_and_reach_the_room()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var sent = await aliceTab.Hub.SendMessageAsync(room, "react to me");

        await aliceTab.Hub.ToggleReactionAsync(room, sent.Id, "👍");
        await bobTab.Hub.ToggleReactionAsync(room, sent.Id, "👨‍👩‍👧");
        await bobTab.Hub.ToggleReactionAsync(room, sent.Id, "👍");
        var afterToggleOff = await aliceTab.Hub.ToggleReactionAsync(room, sent.Id, "👍");

        Assert.Equal([("👍", new[] { bob.Name }), ("👨‍👩‍👧", new[] { bob.Name })], afterToggleOff.Select(r => (r.Emoji, r.Users.ToArray())));
        var last = await bobTab.WaitForAsync<HubEvent.Reactions>(e => e.Value.Length == 2 && e.Value[0].Users.Count == 1 && e.Value[0].Users[0] == bob.Name);
        Assert.Equal((room, sent.Id), (last.Room, last.Id));
        Assert.Equal(4, bobTab.Seen.OfType<HubEvent.Reactions>().Count());
        var stored = Assert.Single((await aliceTab.Hub.GetHistoryAsync(room)).Messages);
        Assert.Equal(afterToggleOff.Select(r => (r.Emoji, string.Join(",", r.Users))), stored.Reactions!.Select(r => (r.Emoji, string.Join(",", r.Users))));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("👍👍")]
    [InlineData("")]
    [InlineData("a")]
    public async Task A_reaction_that_is_not_one_emoji_is_refused(string emoji)
    {
        await using var app = CreateApp();
        var alice = await app.CreateUserAsync("alice");
        var room = TestRooms.NewName();
        await using var tab = await alice.JoinAsync(room);
        var sent = await tab.Hub.SendMessageAsync(room, "hi");

        var error = await Assert.ThrowsAsync<HubException>(() => tab.Hub.ToggleReactionAsync(room, sent.Id, emoji));

        Assert.Contains("emoji must be a single emoji", error.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single((await tab.Hub.GetHistoryAsync(room)).Messages).Reactions);
    }

    [Fact]
    public async Task A_reply_quotes_the_original_and_its_excerpt_follows_edits_and_deletes()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        var original = await aliceTab.Hub.SendMessageAsync(room, "lunch at noon?");

        var reply = await bobTab.Hub.SendReplyAsync(room, original.Id, "yes!", "r-1");
        var live = await aliceTab.WaitForAsync<HubEvent.Message>(m => m.Value.Id == reply.Id);
        await aliceTab.Hub.EditMessageAsync(room, original.Id, "lunch at one?");
        var afterEdit = (await bobTab.Hub.GetHistoryAsync(room)).Messages[^1];
        await aliceTab.Hub.DeleteMessageAsync(room, original.Id);
        var afterDelete = (await bobTab.Hub.GetHistoryAsync(room)).Messages[^1];

        Assert.Equal(new ReplyReference(original.Id, alice.Name, "lunch at noon?"), reply.ReplyTo);
        Assert.Equal(reply.ReplyTo, live.Value.ReplyTo);
        Assert.Equal(new ReplyReference(original.Id, alice.Name, "lunch at one?"), afterEdit.ReplyTo);
        Assert.Equal(new ReplyReference(original.Id, alice.Name, null), afterDelete.ReplyTo);
        var toDeleted = await Assert.ThrowsAsync<HubException>(() => bobTab.Hub.SendReplyAsync(room, original.Id, "too late"));
        Assert.Contains("The message was deleted", toDeleted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mentions_name_existing_users_and_notify_only_those_not_in_the_room()
    {
        await using var app = CreateApp();
        var (alice, bob, carol) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"), await app.CreateUserAsync("carol"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var carolTab = await carol.JoinAsync(room);
        await using var bobTab = await bob.ConnectAsync();
        await using var bobOtherTab = await bob.ConnectAsync();

        var sent = await aliceTab.Hub.SendMessageAsync(room, $"@{bob.Name}, @{carol.Name.ToUpperInvariant()}: see @nobody-here and mail x@{bob.Name}");

        Assert.Equal([bob.Name, carol.Name], sent.Mentions);
        var mentioned = await bobTab.WaitForAsync<HubEvent.Mentioned>();
        Assert.Equal((room, sent.Id, sent.Text), (mentioned.Room, mentioned.Value.Id, mentioned.Value.Text));
        Assert.Equal(sent.Id, (await bobOtherTab.WaitForAsync<HubEvent.Mentioned>()).Value.Id);
        await carolTab.MessagesUntilAsync(sent.Text!);
        await aliceTab.Hub.SendMessageAsync(room, "marker");
        await carolTab.MessagesUntilAsync("marker");
        Assert.Empty(carolTab.Seen.OfType<HubEvent.Mentioned>());
        Assert.Equal([bob.Name, carol.Name], (await carolTab.Hub.GetHistoryAsync(room)).Messages[0].Mentions);
    }

    [Fact]
    public async Task Resume_after_being_offline_returns_edits_and_deletes_of_older_messages_in_updated()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        var (first, second, third) = (await aliceTab.Hub.SendMessageAsync(room, "one"), await aliceTab.Hub.SendMessageAsync(room, "two"), await aliceTab.Hub.SendMessageAsync(room, "three"));

        // Bob held up to "three", then went offline while these happened.
        await aliceTab.Hub.EditMessageAsync(room, second.Id, "two, edited");
        await aliceTab.Hub.DeleteMessageAsync(room, first.Id);
        var fourth = await aliceTab.Hub.SendMessageAsync(room, "four");
        await aliceTab.Hub.EditMessageAsync(room, fourth.Id, "four, edited");
        await aliceTab.Hub.ToggleReactionAsync(room, third.Id, "🎉");
        await using var bobTab = await bob.ConnectAsync();
        var resumed = await bobTab.Hub.JoinRoomAsync(room, third.Id);

        Assert.Equal(["four, edited"], resumed.Messages.Select(m => m.Text));
        Assert.Equal([first.Id, second.Id, third.Id], resumed.Updated.Select(m => m.Id));
        Assert.True(resumed.Updated[0].IsDeleted);
        Assert.Null(resumed.Updated[0].Text);
        Assert.Equal("two, edited", resumed.Updated[1].Text);
        Assert.Equal("🎉", Assert.Single(resumed.Updated[2].Reactions!).Emoji);
        // A client holding "four" as sent learns of its edit too, and of the reaction made after it.
        Assert.Equal([third.Id, fourth.Id], (await bobTab.Hub.JoinRoomAsync(room, fourth.Id)).Updated.Select(m => m.Id));
        Assert.Empty((await bobTab.Hub.JoinRoomAsync(room)).Updated);
    }

    [Fact]
    public async Task A_read_marker_moves_forward_only_tells_the_users_other_connections_and_sets_unread()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);
        await using var bobOtherTab = await bob.ConnectAsync();
        var sent = new List<ChatMessage>();
        for (var i = 0; i < 5; i++) sent.Add(await aliceTab.Hub.SendMessageAsync(room, $"m{i}"));
        await bobTab.Hub.SendMessageAsync(room, "bob's own");

        await bobTab.Hub.MarkReadAsync(room, sent[2].Id);
        await bobTab.Hub.MarkReadAsync(room, sent[1].Id);

        Assert.Equal(new HubEvent.ReadMarker(room, sent[2].Id), await bobOtherTab.WaitForAsync<HubEvent.ReadMarker>());
        var info = Assert.Single(await bobOtherTab.Hub.ListRoomsAsync(), r => r.Room == room);
        Assert.Equal((2, sent[2].Id), (info.Unread, info.LastReadId));
        Assert.Equal(sent[2].Id, (await bobOtherTab.Hub.JoinRoomAsync(room)).LastReadId);
        await aliceTab.Hub.DeleteMessageAsync(room, sent[4].Id);
        Assert.Equal(1, Assert.Single(await bobTab.Hub.ListRoomsAsync(), r => r.Room == room).Unread);
        var aliceInfo = Assert.Single(await aliceTab.Hub.ListRoomsAsync(), r => r.Room == room);
        Assert.Equal((0, null), (aliceInfo.Unread, aliceInfo.LastReadId));
        Assert.Empty(bobTab.Seen.OfType<HubEvent.ReadMarker>());
        Assert.Single(bobOtherTab.Seen.OfType<HubEvent.ReadMarker>());
    }

    [Fact]
    public async Task Unread_counts_a_direct_room_never_read_and_stops_at_100()
    {
        await using var app = CreateApp();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        await using var aliceTab = await alice.ConnectAsync();
        await using var bobTab = await bob.ConnectAsync();
        var dm = await aliceTab.Hub.OpenDirectRoomAsync(bob.Name);
        await aliceTab.Hub.JoinRoomAsync(dm);
        for (var i = 0; i < 3; i++) await aliceTab.Hub.SendMessageAsync(dm, $"dm {i}");
        Assert.Equal(3, Assert.Single(await bobTab.Hub.ListRoomsAsync(), r => r.Room == dm).Unread);

        for (var i = 3; i < 105; i++) await aliceTab.Hub.SendMessageAsync(dm, $"dm {i}");

        Assert.Equal(100, Assert.Single(await bobTab.Hub.ListRoomsAsync(), r => r.Room == dm).Unread);
    }

    public static TheoryData<string, Func<ChatClient, string, string, string, Task>, string> BadCalls => new()
    {
        { "malformed id", (hub, room, _, _) => hub.EditMessageAsync(room, "abc", "x"), "Invalid messageId 'abc'" },
        { "no id", (hub, room, _, _) => hub.DeleteMessageAsync(room, null!), "messageId is required" },
        { "unknown id", (hub, room, _, _) => hub.ToggleReactionAsync(room, "1-0", "👍"), "No message '1-0' in this room" },
        { "foreign room's message", (hub, room, _, foreign) => hub.EditMessageAsync(room, foreign, "x"), "in this room" },
        { "oversized edit", (hub, room, id, _) => hub.EditMessageAsync(room, id, new string('x', 4001)), "Message is too long (max 4000 characters)" },
        { "empty edit", (hub, room, id, _) => hub.EditMessageAsync(room, id, "  "), "Message is empty" },
        { "oversized emoji", (hub, room, id, _) => hub.ToggleReactionAsync(room, id, new string('x', 40)), "emoji must be a single emoji" },
        { "reply to unknown", (hub, room, _, _) => hub.SendReplyAsync(room, "1-0", "x"), "No message '1-0' in this room" },
        { "reply with bad id", (hub, room, _, _) => hub.SendReplyAsync(room, "x-1", "x"), "Invalid replyToId" },
        { "mark unknown", (hub, room, _, _) => hub.MarkReadAsync(room, "1-0"), "No message '1-0' in this room" },
        { "not joined", (hub, _, _, _) => hub.DeleteMessageAsync(TestRooms.NewName(), "1-0"), "Join the room before changing its messages" },
        { "forged dm", (hub, _, id, _) => hub.MarkReadAsync("dm:bob:zed", id), "Not a member of this direct room" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_bad_change_gets_a_clear_error_and_the_connection_stays(string what, Func<ChatClient, string, string, string, Task> call, string expected)
    {
        await using var app = CreateApp();
        var alice = await app.CreateUserAsync("alice");
        var (room, other) = (TestRooms.NewName(), TestRooms.NewName());
        await using var tab = await alice.JoinAsync(room);
        await tab.Hub.JoinRoomAsync(other);
        var mine = await tab.Hub.SendMessageAsync(room, "mine");
        // Ids are per room: the other room's second message has an id this room never gave out.
        await tab.Hub.SendMessageAsync(other, "elsewhere");
        var foreign = await tab.Hub.SendMessageAsync(other, "elsewhere again");

        var error = await Assert.ThrowsAsync<HubException>(() => call(tab.Hub, room, mine.Id, foreign.Id));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, tab.Hub.State);
        Assert.Equal($"still fine after {what}", (await tab.Hub.EditMessageAsync(room, mine.Id, $"still fine after {what}")).Text);
    }
}

public sealed class InMemoryMessageLifecycleTests : MessageLifecycleContract
{
    private protected override ChatApplication CreateApp() => new(HighRateLimit);
}

/// <summary>The same promises in Redis mode, over MessagePack.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class RedisMessageLifecycleTests(RedisServerFixture redis) : MessageLifecycleContract
{
    private protected override ChatApplication CreateApp() => RedisCluster.Start(redis, 1, HighRateLimit, ChatProtocol.MessagePack)[0];
}
