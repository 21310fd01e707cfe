using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts;

/// <summary>
/// What every <see cref="IMessageStore"/> and its <see cref="IRoomFeed"/> must do; run against each
/// implementation, through the same feed production delivers from.
/// </summary>
public abstract class MessageStoreContract
{
    /// <summary>Approximate trimming (Redis <c>MAXLEN ~</c>) may keep up to this many extra messages.</summary>
    protected const int TrimSlack = 100;

    /// <summary>A store, its feed, and the typing tracker that posting ends typing in.</summary>
    private protected abstract Task<(IMessageStore Store, IRoomFeed Feed, ITypingTracker Typing)> CreateAsync(HistoryOptions options);

    protected static string NewRoom() => "r" + Guid.NewGuid().ToString("N")[..16];

    private async Task<IMessageStore> CreateStoreAsync(int maxLength = 10_000) =>
        (await CreateAsync(new HistoryOptions { MaxLength = maxLength })).Store;

    private async Task<(IMessageStore Store, FeedRecorder Feed)> CreateListeningAsync(string room)
    {
        var (store, feed, _) = await CreateAsync(new HistoryOptions());
        return (store, await FeedRecorder.ListenAsync(feed, room));
    }

    [Fact]
    public async Task Post_assigns_increasing_ids_and_delivers_each_message_once_in_id_order()
    {
        var room = NewRoom();
        var (store, feed) = await CreateListeningAsync(room);

        var posted = new List<ChatMessage>();
        for (var i = 0; i < 30; i++)
        {
            var result = await store.PostAsync(new NewMessage(room, "alice", $"hello {i}", null), CancellationToken.None);
            Assert.False(result.IsDuplicate);
            posted.Add(result.Message);
        }

        var ids = posted.Select(m => ParseId(m.Id)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(posted.Select(m => m.Id), (await feed.MessagesUntilAsync("hello 29")).Select(m => m.Id));
        Assert.Equal("hello 7", posted[7].Text);
        Assert.All(posted, m => Assert.Equal(room, m.Room));
        Assert.All(posted, m => Assert.Equal("alice", m.User));
        Assert.All(posted, m => Assert.Equal(ParseId(m.Id).Timestamp, m.SentAt));
        Assert.All(posted, m => Assert.Equal(DateTimeKind.Utc, m.SentAt.Kind));
    }

    [Fact]
    public async Task Stored_text_round_trips_unicode_and_markup_exactly()
    {
        var store = await CreateStoreAsync();
        var room = NewRoom();
        const string text = "héllo 世界 🎉 <b>&amp;</b>\n\"quoted\" \\ tab\t";

        var posted = await store.PostAsync(new NewMessage(room, "alice", text, "c-1"), CancellationToken.None);
        var page = await store.GetBeforeAsync(room, null, 10, CancellationToken.None);

        Assert.Equal(text, Assert.Single(page.Messages).Text);
        Assert.Equal(posted.Message, page.Messages[0]);
        Assert.Equal("c-1", page.Messages[0].ClientMessageId);
    }

    [Fact]
    public async Task A_client_message_id_is_remembered_per_user_in_every_room()
    {
        // The contract: a repeated (user, clientMessageId) returns the first message and stores nothing, whatever room.
        var store = await CreateStoreAsync();
        var (room, other) = (NewRoom(), NewRoom());

        var first = await store.PostAsync(new NewMessage(room, "alice", "here", "c-1"), CancellationToken.None);
        var elsewhere = await store.PostAsync(new NewMessage(other, "Alice", "there", "c-1"), CancellationToken.None);
        var bob = await store.PostAsync(new NewMessage(other, "bob", "his own", "c-1"), CancellationToken.None);

        Assert.True(elsewhere.IsDuplicate);
        Assert.Equal(first.Message.Id, elsewhere.Message.Id);
        Assert.False(bob.IsDuplicate);
        Assert.Equal(["his own"], (await store.GetBeforeAsync(other, null, 10, CancellationToken.None)).Messages.Select(message => message.Text));
    }

    [Fact]
    public async Task Concurrent_posts_to_one_room_are_delivered_in_the_same_order_as_history()
    {
        var room = NewRoom();
        var (store, feed) = await CreateListeningAsync(room);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await store.PostAsync(new NewMessage(room, $"user{sender}", $"{sender}:{i}", null), CancellationToken.None);
            }
        })));

        await store.PostAsync(new NewMessage(room, "marker", "marker", null), CancellationToken.None);

        var history = await ReadAllBackwardsAsync(store, room, 100);
        Assert.Equal(201, history.Count);
        Assert.Equal(history.Select(m => m.Id), (await feed.MessagesUntilAsync("marker")).Select(m => m.Id));
        foreach (var sender in Enumerable.Range(0, 8))
        {
            // Each sender's own messages keep the order it sent them in.
            var own = history.Where(m => m.User == $"user{sender}").Select(m => m.Text).ToList();
            Assert.Equal(Enumerable.Range(0, 25).Select(i => $"{sender}:{i}"), own);
        }
    }

    [Fact]
    public async Task GetBefore_pages_backwards_oldest_first_without_gaps_or_repeats()
    {
        var store = await CreateStoreAsync();
        var room = NewRoom();
        var posted = await PostManyAsync(store, room, 250);

        var latest = await store.GetBeforeAsync(room, null, 50, CancellationToken.None);
        Assert.True(latest.HasMore);
        Assert.Equal(posted[^50..].Select(m => m.Id), latest.Messages.Select(m => m.Id));

        var all = await ReadAllBackwardsAsync(store, room, 100);
        Assert.Equal(posted.Select(m => m.Id), all.Select(m => m.Id));

        var beforeTenth = await store.GetBeforeAsync(room, ParseId(posted[10].Id), 100, CancellationToken.None);
        Assert.False(beforeTenth.HasMore);
        Assert.Equal(posted[..10].Select(m => m.Id), beforeTenth.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task GetBefore_an_id_that_was_never_stored_returns_what_is_strictly_older()
    {
        var store = await CreateStoreAsync();
        var room = NewRoom();
        var posted = await PostManyAsync(store, room, 5);
        var between = ParseId(posted[2].Id).Next();

        var page = await store.GetBeforeAsync(room, between, 10, CancellationToken.None);

        Assert.Equal(posted[..3].Select(m => m.Id), page.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task GetAfter_returns_strictly_newer_messages_and_says_when_it_cut_the_page()
    {
        var store = await CreateStoreAsync();
        var room = NewRoom();
        var posted = await PostManyAsync(store, room, 40);

        var rest = await store.GetAfterAsync(room, ParseId(posted[24].Id), 500, CancellationToken.None);
        Assert.False(rest.HasMore);
        Assert.Equal(posted[25..].Select(m => m.Id), rest.Messages.Select(m => m.Id));

        var cut = await store.GetAfterAsync(room, ParseId(posted[4].Id), 10, CancellationToken.None);
        Assert.True(cut.HasMore);
        Assert.Equal(posted[5..15].Select(m => m.Id), cut.Messages.Select(m => m.Id));

        var none = await store.GetAfterAsync(room, ParseId(posted[^1].Id), 10, CancellationToken.None);
        Assert.Empty(none.Messages);
        Assert.False(none.HasMore);
    }

    [Fact]
    public async Task The_edge_ids_get_exact_empty_answers_not_errors()
    {
        var store = await CreateStoreAsync();
        var room = NewRoom();
        await PostManyAsync(store, room, 3);

        var beforeFirstPossible = await store.GetBeforeAsync(room, new MessageId(0, 0), 10, CancellationToken.None);
        var afterLastPossible = await store.GetAfterAsync(room, new MessageId(long.MaxValue, long.MaxValue), 10, CancellationToken.None);
        var afterFirstPossible = await store.GetAfterAsync(room, new MessageId(0, 0), 10, CancellationToken.None);

        Assert.Empty(beforeFirstPossible.Messages);
        Assert.False(beforeFirstPossible.HasMore);
        Assert.Empty(afterLastPossible.Messages);
        Assert.False(afterLastPossible.HasMore);
        Assert.Equal(3, afterFirstPossible.Messages.Count);
    }

    [Fact]
    public async Task An_empty_room_has_an_empty_history()
    {
        var store = await CreateStoreAsync();

        var before = await store.GetBeforeAsync(NewRoom(), null, 50, CancellationToken.None);
        var after = await store.GetAfterAsync(NewRoom(), new MessageId(0, 0), 50, CancellationToken.None);

        Assert.Empty(before.Messages);
        Assert.False(before.HasMore);
        Assert.Empty(after.Messages);
    }

    [Fact]
    public async Task History_keeps_the_newest_messages_up_to_the_configured_length()
    {
        const int maxLength = 50;
        var store = await CreateStoreAsync(maxLength);
        var room = NewRoom();
        var posted = await PostManyAsync(store, room, 400);

        var kept = await ReadAllBackwardsAsync(store, room, 100);

        Assert.InRange(kept.Count, maxLength, maxLength + TrimSlack);
        Assert.Equal(posted[^kept.Count..].Select(m => m.Id), kept.Select(m => m.Id));
    }

    [Fact]
    public async Task A_retry_after_the_history_dropped_the_first_message_gets_its_id_and_the_retrys_own_text()
    {
        var store = await CreateStoreAsync(maxLength: 10);
        var room = NewRoom();
        var first = await store.PostAsync(new NewMessage(room, "alice", "the first text", "retried-later"), CancellationToken.None);
        await PostManyAsync(store, room, 10 + TrimSlack + 50);
        Assert.DoesNotContain((await ReadAllBackwardsAsync(store, room, 100)).Select(m => m.Id), id => id == first.Message.Id);

        var retry = await store.PostAsync(new NewMessage(room, "alice", "the retry's text", "retried-later"), CancellationToken.None);

        Assert.True(retry.IsDuplicate);
        Assert.Equal(first.Message.Id, retry.Message.Id);
        Assert.Equal("the retry's text", retry.Message.Text);
    }

    [Fact]
    public async Task A_repeated_client_message_id_returns_the_first_message_and_delivers_nothing()
    {
        var room = NewRoom();
        var (store, feed) = await CreateListeningAsync(room);

        var first = await store.PostAsync(new NewMessage(room, "alice", "once", "abc"), CancellationToken.None);
        var retry = await store.PostAsync(new NewMessage(room, "alice", "once", "abc"), CancellationToken.None);
        var otherUser = await store.PostAsync(new NewMessage(room, "bob", "mine", "abc"), CancellationToken.None);

        Assert.False(first.IsDuplicate);
        Assert.True(retry.IsDuplicate);
        Assert.Equal(first.Message, retry.Message);
        Assert.False(otherUser.IsDuplicate);
        Assert.NotEqual(first.Message.Id, otherUser.Message.Id);
        await store.PostAsync(new NewMessage(room, "alice", "marker", null), CancellationToken.None);
        Assert.Equal(["once", "mine", "marker"], (await feed.MessagesUntilAsync("marker")).Select(m => m.Text));
        Assert.Equal(3, (await store.GetBeforeAsync(room, null, 10, CancellationToken.None)).Messages.Count);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_client_message_id_store_exactly_one_message()
    {
        var room = NewRoom();
        var (store, feed) = await CreateListeningAsync(room);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => store.PostAsync(new NewMessage(room, "alice", "race", "same-id"), CancellationToken.None))));

        await store.PostAsync(new NewMessage(room, "alice", "marker", null), CancellationToken.None);

        Assert.Single(results, r => !r.IsDuplicate);
        Assert.Single(results.Select(r => r.Message.Id).Distinct());
        Assert.Equal(["race", "marker"], (await feed.MessagesUntilAsync("marker")).Select(m => m.Text));
        Assert.Equal(2, (await store.GetBeforeAsync(room, null, 10, CancellationToken.None)).Messages.Count);
    }

    [Fact]
    public async Task Rooms_with_history_are_listed()
    {
        var store = await CreateStoreAsync();
        var room = NewRoom();
        var silent = NewRoom();
        await store.PostAsync(new NewMessage(room, "alice", "hi", null), CancellationToken.None);

        var rooms = await store.GetRoomsAsync(CancellationToken.None);

        Assert.Contains(room, rooms);
        Assert.DoesNotContain(silent, rooms);
    }

    [Fact]
    public async Task Nothing_is_handed_on_for_a_room_nobody_listens_to_any_more()
    {
        var room = NewRoom();
        var (store, feed, _) = await CreateAsync(new HistoryOptions());
        var before = await FeedRecorder.ListenAsync(feed, room);
        await store.PostAsync(new NewMessage(room, "alice", "heard", null), CancellationToken.None);
        await before.MessagesUntilAsync("heard");

        await feed.UnsubscribeAsync(room, CancellationToken.None);
        await store.PostAsync(new NewMessage(room, "alice", "unheard", null), CancellationToken.None);
        var after = await FeedRecorder.ListenAsync(feed, room);
        await store.PostAsync(new NewMessage(room, "alice", "heard again", null), CancellationToken.None);

        await after.MessagesUntilAsync("heard again");
        Assert.Equal(["heard"], before.Messages.Select(m => m.Text));
        Assert.Equal(["heard again"], after.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Signals_reach_the_rooms_subscriber_in_publish_order_and_no_other_room()
    {
        var (room, otherRoom) = (NewRoom(), NewRoom());
        var (_, feed, _) = await CreateAsync(new HistoryOptions());
        var recorder = await FeedRecorder.ListenAsync(feed, room);
        var other = await FeedRecorder.ListenAsync(feed, otherRoom);
        RoomSignal[] sent =
        [
            new(room, RoomSignalKind.Joined, "alice"),
            new(room, RoomSignalKind.TypingStarted, "alice"),
            new(room, RoomSignalKind.TypingStopped, "alice"),
            new(room, RoomSignalKind.Left, "alice"),
            new(room, RoomSignalKind.Joined, "zoë.ünïcode-name"),
        ];

        foreach (var signal in sent) await feed.PublishAsync(signal, CancellationToken.None);
        await feed.PublishAsync(new RoomSignal(otherRoom, RoomSignalKind.Joined, "bob"), CancellationToken.None);

        Assert.Equal(sent, await recorder.SignalsUntilAsync("zoë.ünïcode-name"));
        Assert.Equal([new RoomSignal(otherRoom, RoomSignalKind.Joined, "bob")], await other.SignalsUntilAsync("bob"));
        Assert.DoesNotContain(recorder.Signals, s => s.UserName == "bob");
    }

    [Fact]
    public async Task Posting_ends_the_authors_typing_in_the_room_and_only_there()
    {
        var (room, otherRoom) = (NewRoom(), NewRoom());
        var (store, _, typing) = await CreateAsync(new HistoryOptions());
        await typing.StartAsync(room, "alice", CancellationToken.None);
        await typing.StartAsync(room, "bob", CancellationToken.None);
        await typing.StartAsync(otherRoom, "alice", CancellationToken.None);

        var first = await store.PostAsync(new NewMessage(room, "alice", "done typing", "t-1"), CancellationToken.None);
        var second = await store.PostAsync(new NewMessage(room, "alice", "again", null), CancellationToken.None);
        var retry = await store.PostAsync(new NewMessage(room, "alice", "done typing", "t-1"), CancellationToken.None);

        Assert.True(first.EndedTyping);
        Assert.False(second.EndedTyping);
        Assert.False(retry.EndedTyping);
        Assert.Equal(["bob"], await typing.GetTypingAsync(room, CancellationToken.None));
        Assert.Equal(["alice"], await typing.GetTypingAsync(otherRoom, CancellationToken.None));
    }

    private static MessageId ParseId(string id) =>
        MessageId.TryParse(id, out var parsed) ? parsed : throw new InvalidOperationException($"Bad id {id}");

    private static async Task<List<ChatMessage>> PostManyAsync(IMessageStore store, string room, int count)
    {
        var posted = new List<ChatMessage>(count);
        for (var i = 0; i < count; i++)
        {
            posted.Add((await store.PostAsync(new NewMessage(room, "alice", $"m{i}", null), CancellationToken.None)).Message);
        }

        return posted;
    }

    private static async Task<List<ChatMessage>> ReadAllBackwardsAsync(IMessageStore store, string room, int pageSize)
    {
        var pages = new List<IReadOnlyList<ChatMessage>>();
        MessageId? before = null;
        while (true)
        {
            var page = await store.GetBeforeAsync(room, before, pageSize, CancellationToken.None);
            pages.Insert(0, page.Messages);
            if (!page.HasMore)
            {
                return [.. pages.SelectMany(p => p)];
            }

            before = ParseId(page.Messages[0].Id);
        }
    }

    // Budgets that refill about once in 17 minutes: a test sees exactly its burst.
    private static SendBudget Budget(int burst) => new("send:test:" + Guid.NewGuid().ToString("N"), new TokenBucketPolicy(0.001, burst));

    [Fact]
    public async Task Post_draws_from_every_budget_and_once_one_is_empty_stores_and_delivers_nothing()
    {
        var room = NewRoom();
        var (store, feed) = await CreateListeningAsync(room);
        SendBudget[] budgets = [Budget(burst: 2), Budget(burst: 100)];

        await store.PostAsync(new NewMessage(room, "alice", "one", null, Budgets: budgets), CancellationToken.None);
        await store.PostAsync(new NewMessage(room, "alice", "two", null, Budgets: budgets), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ChatException>(() => store.PostAsync(new NewMessage(room, "alice", "three", null, Budgets: budgets), CancellationToken.None));

        Assert.Equal(ChatErrorKind.RateLimited, refused.Kind);
        Assert.Matches(@"^Rate limit exceeded; retry in \d+ s\z", refused.Message);
        await store.PostAsync(new NewMessage(room, "alice", "after", null), CancellationToken.None);
        var delivered = await feed.MessagesUntilAsync("after");
        Assert.Equal(["one", "two", "after"], delivered.Select(message => message.Text));
        Assert.Equal(3, await store.CountAsync(room, CancellationToken.None));
    }

    [Fact]
    public async Task A_send_refused_by_one_budget_draws_nothing_from_the_others()
    {
        var room = NewRoom();
        var store = await CreateStoreAsync();
        var user = Budget(burst: 3);
        var address = Budget(burst: 1);

        await store.PostAsync(new NewMessage(room, "alice", "both", null, Budgets: [user, address]), CancellationToken.None);
        await Assert.ThrowsAsync<ChatException>(() => store.PostAsync(new NewMessage(room, "alice", "refused", null, Budgets: [user, address]), CancellationToken.None));

        // The user's budget lost one token, to the send that was stored: two are left.
        await store.PostAsync(new NewMessage(room, "alice", "user 1", null, Budgets: [user]), CancellationToken.None);
        await store.PostAsync(new NewMessage(room, "alice", "user 2", null, Budgets: [user]), CancellationToken.None);
        var empty = await Assert.ThrowsAsync<ChatException>(() => store.PostAsync(new NewMessage(room, "alice", "user 3", null, Budgets: [user]), CancellationToken.None));
        Assert.Equal(ChatErrorKind.RateLimited, empty.Kind);
    }

    [Fact]
    public async Task A_retry_is_answered_even_when_its_budget_is_empty_and_draws_nothing()
    {
        var room = NewRoom();
        var store = await CreateStoreAsync();
        var budget = Budget(burst: 1);
        var cmid = Guid.NewGuid().ToString("N");

        var first = await store.PostAsync(new NewMessage(room, "alice", "once", cmid, Budgets: [budget]), CancellationToken.None);
        var retry = await store.PostAsync(new NewMessage(room, "alice", "once", cmid, Budgets: [budget]), CancellationToken.None);

        Assert.False(first.IsDuplicate);
        Assert.True(retry.IsDuplicate);
        Assert.Equal(first.Message.Id, retry.Message.Id);
        await Assert.ThrowsAsync<ChatException>(() => store.PostAsync(new NewMessage(room, "alice", "new", Guid.NewGuid().ToString("N"), Budgets: [budget]), CancellationToken.None));
        Assert.Equal(1, await store.CountAsync(room, CancellationToken.None));
    }
}
