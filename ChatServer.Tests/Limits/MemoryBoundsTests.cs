using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Chat.InMemory;
using ChatServer.Chat.Options;
using ChatServer.Delivery;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatServer.Tests.Limits;

/// <summary>Each in-memory structure, filled well past its cap (Chat:Memory), stays at or under it.</summary>
public sealed class MemoryBoundsTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Rate_limit_buckets_stay_under_their_cap()
    {
        var limiter = new InMemoryRateLimiter(Options.Create(new MemoryOptions { MaxRateLimitBuckets = 16 }), _clock);
        var policy = new TokenBucketPolicy(1, 1);
        Assert.True((await limiter.TryAcquireAsync("drained", policy, default)).Allowed);
        for (var i = 0; i < 1000; i++)
        {
            await limiter.TryAcquireAsync($"bucket-{i}", policy, default);
            Assert.InRange(limiter.Count, 1, 16);
        }

        Assert.InRange(limiter.Count, 1, 16);
    }

    [Fact]
    public async Task Accounts_stop_at_their_cap_with_a_clear_error_and_none_is_evicted()
    {
        var users = new InMemoryUserStore(Options.Create(new MemoryOptions { MaxAccounts = 5 }));
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await users.CreateAsync(UserAccount.Create($"user{i}", "hash", DateTime.UtcNow), default));
        }

        var full = await Assert.ThrowsAsync<ChatException>(() => users.CreateAsync(UserAccount.Create("user5", "hash", DateTime.UtcNow), default));
        Assert.Equal(ChatErrorKind.Unavailable, full.Kind);
        Assert.Contains("registration is closed", full.Message, StringComparison.Ordinal);
        Assert.Equal(5, users.Count);
        Assert.NotNull(await users.FindAsync("user0", default));
    }

    [Fact]
    public async Task Refresh_token_families_stay_under_their_cap()
    {
        var store = new InMemoryRefreshTokenStore(_clock, Options.Create(new MemoryOptions { MaxRefreshFamilies = 10 }));
        for (var i = 0; i < 200; i++)
        {
            await store.CreateAsync(new RefreshTokenFamily($"family-{i}", "alice", "id", "stamp"), $"hash-{i}", _clock.GetUtcNow().AddDays(1 + i), default);
        }

        Assert.Equal(10, store.Count);
    }

    [Fact]
    public async Task Rooms_with_history_stop_at_their_cap_and_existing_rooms_still_take_messages()
    {
        var typing = new InMemoryTypingTracker(Options.Create(new TypingOptions()), _clock);
        using var store = new InMemoryMessageStore(Options.Create(new HistoryOptions { MaxLength = 5 }), typing, new InMemoryRateLimiter(Options.Create(new MemoryOptions()), _clock), _clock, Options.Create(new MemoryOptions { MaxRooms = 3 }));
        for (var i = 0; i < 3; i++)
        {
            await store.PostAsync(new NewMessage($"room{i}", "alice", "hello", null), default);
        }

        var full = await Assert.ThrowsAsync<ChatException>(() => store.PostAsync(new NewMessage("room3", "alice", "hello", null), default));
        Assert.Equal(ChatErrorKind.Unavailable, full.Kind);
        for (var i = 0; i < 20; i++)
        {
            await store.PostAsync(new NewMessage("room0", "alice", $"more {i}", null), default);
        }

        Assert.Equal(3, store.RoomCount);
        Assert.Equal(5, (await store.GetBeforeAsync("room0", null, 100, default)).Messages.Count);
    }

    [Fact]
    public async Task Folded_broadcast_entries_are_forgotten_once_a_window_passes_quietly()
    {
        var typing = new InMemoryTypingTracker(Options.Create(new TypingOptions()), _clock);
        using var feed = new InMemoryMessageStore(Options.Create(new HistoryOptions()), typing, new InMemoryRateLimiter(Options.Create(new MemoryOptions()), _clock), _clock, Options.Create(new MemoryOptions()));
        var coalescer = new RoomSignalCoalescer(feed, Options.Create(new BroadcastOptions { CoalesceMilliseconds = 1000 }), _clock);
        for (var i = 0; i < 500; i++)
        {
            await coalescer.PublishAsync(new RoomSignal($"room{i % 50}", RoomSignalKind.TypingStarted, $"user{i}"), default);
            await coalescer.PublishAsync(new RoomSignal($"room{i % 50}", RoomSignalKind.TypingStopped, $"user{i}"), default);
        }

        Assert.Equal(500, coalescer.Count);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await coalescer.FlushAsync(default);   // sends the final states
        _clock.Advance(TimeSpan.FromSeconds(1));
        await coalescer.FlushAsync(default);   // forgets the quiet entries

        Assert.Equal(0, coalescer.Count);
    }
}
