using ChatServer.Chat.Redis;
using ChatServer.Tests.Infrastructure;
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

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
