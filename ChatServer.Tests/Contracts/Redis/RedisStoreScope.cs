using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Chat.Redis;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>
/// What the Redis contract tests share: the real redis-server of the collection, a key prefix of their own (so
/// tests never see each other's data), and a <see cref="ChatRedisConnection"/> for the stores under test, as they
/// get it in the app.
/// </summary>
internal sealed class RedisStoreScope(RedisServerFixture redis) : IAsyncDisposable
{
    public string Prefix { get; } = $"t{Guid.NewGuid():N}"[..17] + ":";

    /// <summary>The stores' connection, one per scope (closed with it).</summary>
    public ChatRedisConnection Connection { get; } = redis.CreateChatConnection();

    /// <summary>For tests that change keys behind the stores' backs (the fixture's multiplexer, not the stores').</summary>
    public IDatabase Database => redis.Multiplexer.GetDatabase();

    public ChatRedisScripts Scripts { get; } = new();

    public RedisKeys Keys => new(Prefix);

    /// <summary>A message store in this scope, and the production room feed over it.</summary>
    public (RedisMessageStore Store, RedisRoomFeed Feed) CreateMessageStore(HistoryOptions options)
    {
        var store = new RedisMessageStore(Connection, Keys, Scripts, Options.Create(options), TimeProvider.System);
        var presence = new RedisPresenceTracker(Connection, Keys, Scripts, new ServerInfo("test-instance", ServerInfo.RedisMode));
        return (store, new RedisRoomFeed(Connection, Keys, store, presence, TestMetrics.Create(), NullLogger<RedisRoomFeed>.Instance));
    }

    /// <summary>The message store contract's trio: store, feed and the typing tracker a post ends typing in.</summary>
    public (IMessageStore Store, IRoomFeed Feed, ITypingTracker Typing) CreateMessageStoreWithTyping(HistoryOptions options)
    {
        var (store, feed) = CreateMessageStore(options);
        return (store, feed, CreateTypingTracker(new TypingOptions()));
    }

    public RedisTypingTracker CreateTypingTracker(TypingOptions options) => new(Connection, Keys, Scripts, Options.Create(options));

    public RedisReadMarkerStore CreateReadMarkers() => new(Connection, Keys, Scripts);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
