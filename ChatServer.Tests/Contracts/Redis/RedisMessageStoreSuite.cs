using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>The message store contract against the Redis store on a given server, delivered through the production room feed.</summary>
public abstract class RedisMessageStoreSuite(RedisServerFixture redis) : MessageStoreContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    private protected override Task<(IMessageStore Store, IRoomFeed Feed, ITypingTracker Typing)> CreateAsync(HistoryOptions options) =>
        Task.FromResult(_scope.CreateMessageStoreWithTyping(options));

    // Connected before the tests start, as the app connects at start-up.
    public async Task InitializeAsync() => await _scope.Connection.GetMultiplexerAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();
}
