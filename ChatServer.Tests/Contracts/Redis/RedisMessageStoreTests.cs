using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Chat.Redis;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>The message store contract against Redis, delivered through the production room feed.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class RedisMessageStoreTests(RedisServerFixture redis) : MessageStoreContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    private protected override Task<(IMessageStore Store, IRoomFeed Feed, ITypingTracker Typing)> CreateAsync(HistoryOptions options)
    {
        var (store, feed) = _scope.CreateMessageStore(options);
        var typing = new RedisTypingTracker(_scope.Connection, _scope.Keys, _scope.Scripts, Options.Create(new TypingOptions()));
        return Task.FromResult<(IMessageStore, IRoomFeed, ITypingTracker)>((store, feed, typing));
    }

    // Connected before the tests start, as the app connects at start-up.
    public async Task InitializeAsync() => await _scope.Connection.GetMultiplexerAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();
}
