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

    [Fact]
    public async Task An_expiry_indexed_for_typing_that_was_never_recorded_is_claimed_but_not_reported()
    {
        // What typing-index.lua leaves when typing-start.lua never ran after it (the instance died in between).
        var typing = await CreateTrackerAsync();
        var room = NewRoom();
        await _scope.Database.SortedSetAddAsync(_scope.Keys.TypingExpiries, $"{room}\nalice", 1);

        Assert.DoesNotContain(new TypingEntry(room, "alice"), await typing.RemoveExpiredAsync(default));
        Assert.Null(await _scope.Database.SortedSetScoreAsync(_scope.Keys.TypingExpiries, $"{room}\nalice"));
    }

    // Expiry runs on the Redis server's clock, so time really has to pass.
    protected override Task ElapseAsync(TimeSpan time) => Task.Delay(time);
}
