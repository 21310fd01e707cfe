using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Chat.InMemory;
using ChatServer.Chat.Options;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatServer.Tests.Contracts.InMemory;

// The shared contract suites, run against the in-memory stores.

public sealed class InMemoryMessageStoreTests : MessageStoreContract
{
    private protected override Task<(IMessageStore Store, IRoomFeed Feed, ITypingTracker Typing)> CreateAsync(HistoryOptions options)
    {
        var typing = new InMemoryTypingTracker(Options.Create(new TypingOptions()), TimeProvider.System);
        var store = new InMemoryMessageStore(Options.Create(options), typing, new InMemoryRateLimiter(Options.Create(new MemoryOptions()), TimeProvider.System), TimeProvider.System, Options.Create(new MemoryOptions()));
        return Task.FromResult<(IMessageStore, IRoomFeed, ITypingTracker)>((store, store, typing));
    }
}

public sealed class InMemoryPresenceTrackerTests : PresenceTrackerContract
{
    private protected override Task<IPresenceTracker> CreateTrackerAsync() => Task.FromResult<IPresenceTracker>(new InMemoryPresenceTracker());
}

public sealed class InMemoryTypingTrackerTests : TypingTrackerContract
{
    private readonly ManualTimeProvider _clock = new();

    private protected override Task<ITypingTracker> CreateTrackerAsync() =>
        Task.FromResult<ITypingTracker>(new InMemoryTypingTracker(Options.Create(new TypingOptions { ExpirySeconds = (int)Expiry.TotalSeconds }), _clock));

    protected override Task ElapseAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryRateLimiterTests : RateLimiterContract
{
    private readonly ManualTimeProvider _clock = new();

    private protected override Task<IRateLimiter> CreateLimiterAsync() =>
        Task.FromResult<IRateLimiter>(new InMemoryRateLimiter(Options.Create(new MemoryOptions()), _clock));

    protected override Task ElapseAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryUserStoreTests : UserStoreContract
{
    private protected override Task<IUserStore> CreateStoreAsync() => Task.FromResult<IUserStore>(new InMemoryUserStore(Options.Create(new MemoryOptions())));
}

public sealed class InMemoryRefreshTokenStoreTests : RefreshTokenStoreContract
{
    private protected override Task<IRefreshTokenStore> CreateStoreAsync(TimeProvider clock) =>
        Task.FromResult<IRefreshTokenStore>(new InMemoryRefreshTokenStore(clock, Options.Create(new MemoryOptions())));
}

public sealed class InMemoryMessageChangeTests : MessageChangeContract
{
    private protected override Task<(IMessageStore Store, IRoomFeed Feed, IReadMarkerStore Markers)> CreateAsync()
    {
        var typing = new InMemoryTypingTracker(Options.Create(new TypingOptions()), TimeProvider.System);
        var store = new InMemoryMessageStore(Options.Create(new HistoryOptions()), typing, new InMemoryRateLimiter(Options.Create(new MemoryOptions()), TimeProvider.System), TimeProvider.System, Options.Create(new MemoryOptions()));
        return Task.FromResult<(IMessageStore, IRoomFeed, IReadMarkerStore)>((store, store, new InMemoryReadMarkerStore()));
    }
}
