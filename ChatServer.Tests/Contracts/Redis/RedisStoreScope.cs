using ChatServer.Chat;
using ChatServer.Chat.Redis;
using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>
/// What the Redis contract tests share: the real redis-server of the collection, a key prefix of their own (so
/// tests never see each other's data), and the listener that turns published room messages back into deliveries.
/// </summary>
internal sealed class RedisStoreScope(RedisServerFixture redis) : IAsyncDisposable
{
    private readonly List<RedisSubscription> _subscriptions = [];

    public string Prefix { get; } = $"t{Guid.NewGuid():N}"[..17] + ":";

    public RedisConnection Connection => redis.Connection;

    public ChatRedisScripts Scripts { get; } = new();

    public RedisKeys Keys => new(Prefix, room => $"{Prefix}channel:{room}");

    /// <summary>Delivers every message the store publishes to <paramref name="broadcaster"/>, in publish order.</summary>
    public async Task ListenAsync(IChatBroadcaster broadcaster)
    {
        _subscriptions.Add(await redis.Connection.SubscribePatternAsync(
            $"{Prefix}channel:*",
            async (message, cancellationToken) => await broadcaster.MessageReceivedAsync(RoomMessageRecord.Parse(message.Payload.AsMemory().Span), cancellationToken)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }
}
