using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>The typing contract against the Redis tracker on a given server.</summary>
public abstract class RedisTypingTrackerSuite(RedisServerFixture redis) : TypingTrackerContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    // Connected before the test, as the app connects at start-up: the timed contracts measure commands, not the handshake.
    public async Task InitializeAsync() => await _scope.Connection.GetDatabaseAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private protected override Task<ITypingTracker> CreateTrackerAsync() =>
        Task.FromResult<ITypingTracker>(_scope.CreateTypingTracker(new TypingOptions { ExpirySeconds = (int)Expiry.TotalSeconds }));

    // Expiry runs on the Redis server's clock, so time really has to pass.
    protected override Task ElapseAsync(TimeSpan time) => Task.Delay(time);
}
