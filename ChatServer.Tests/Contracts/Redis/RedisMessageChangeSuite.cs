using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Chat.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>The change and read-marker contract against the Redis stores on a given server, delivered through the production room feed.</summary>
public abstract class RedisMessageChangeSuite(RedisServerFixture redis) : MessageChangeContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    private protected override Task<(IMessageStore Store, IRoomFeed Feed, IReadMarkerStore Markers)> CreateAsync()
    {
        var (store, feed) = _scope.CreateMessageStore(new HistoryOptions());
        return Task.FromResult<(IMessageStore, IRoomFeed, IReadMarkerStore)>((store, feed, _scope.CreateReadMarkers()));
    }

    [Fact]
    public async Task States_of_messages_trimmed_from_the_stream_are_dropped_as_changes_go_on()
    {
        var room = "r" + Guid.NewGuid().ToString("N")[..16];
        var (store, _) = _scope.CreateMessageStore(new HistoryOptions { MaxLength = 10 });
        var first = (await store.PostAsync(new NewMessage(room, "alice", "old", null), default)).Message;
        await store.ChangeAsync(new MessageChange(room, MessageId.Parse(first.Id), "alice", RoomChangeKind.Reactions, Emoji: "👍"), default);
        ChatMessage last = first;
        for (var i = 0; i < 300; i++) last = (await store.PostAsync(new NewMessage(room, "alice", $"m{i}", null), default)).Message;

        await store.ChangeAsync(new MessageChange(room, MessageId.Parse(last.Id), "alice", RoomChangeKind.Reactions, Emoji: "👍"), default);

        Assert.False(await _scope.Database.HashExistsAsync(_scope.Keys.RoomMessageStates(room), first.Id));
        Assert.True(await _scope.Database.HashExistsAsync(_scope.Keys.RoomMessageStates(room), last.Id));
        Assert.Equal(1, await _scope.Database.SortedSetLengthAsync(_scope.Keys.RoomChangedMessages(room)));
    }

    // Connected before the tests start, as the app connects at start-up.
    public async Task InitializeAsync() => await _scope.Connection.GetMultiplexerAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();
}
