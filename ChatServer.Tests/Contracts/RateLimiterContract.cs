using System.Diagnostics;
using ChatServer.Chat;

namespace ChatServer.Tests.Contracts;

/// <summary>What every <see cref="IRateLimiter"/> must do; run against each implementation.</summary>
public abstract class RateLimiterContract
{
    private protected abstract Task<IRateLimiter> CreateLimiterAsync();

    /// <summary>Lets the limiter's notion of time pass.</summary>
    protected abstract Task ElapseAsync(TimeSpan time);

    protected static string NewUser() => "u" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task A_full_bucket_allows_the_burst_then_denies_with_the_time_to_the_next_token()
    {
        var limiter = await CreateLimiterAsync();
        var policy = new TokenBucketPolicy(2, 5);
        var user = NewUser();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await limiter.TryAcquireAsync(user, policy, default)).Allowed, $"message {i + 1} of the burst");
        }

        var denied = await limiter.TryAcquireAsync(user, policy, default);
        Assert.False(denied.Allowed);
        Assert.InRange(denied.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Tokens_refill_at_the_configured_rate()
    {
        const double rate = 4;
        var limiter = await CreateLimiterAsync();
        var policy = new TokenBucketPolicy(rate, 5);
        var user = NewUser();
        var sinceDraining = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++) Assert.True((await limiter.TryAcquireAsync(user, policy, default)).Allowed);
        Assert.False((await limiter.TryAcquireAsync(user, policy, default)).Allowed);

        await ElapseAsync(TimeSpan.FromMilliseconds(300));
        var refilled = 0;
        while (refilled <= 5 && (await limiter.TryAcquireAsync(user, policy, default)).Allowed) refilled++;

        // 300 ms at 4/s is one token. On a real clock (Redis) a busy machine may stretch the wait, so the ceiling is
        // what the time that really passed allows; on a fake clock that is next to nothing, so exactly one.
        var ceiling = Math.Max(1, (int)Math.Floor(sinceDraining.Elapsed.TotalSeconds * rate));
        Assert.InRange(refilled, 1, ceiling);
    }

    [Fact]
    public async Task Each_user_has_a_bucket_of_their_own_matched_ignoring_case()
    {
        var limiter = await CreateLimiterAsync();
        var policy = new TokenBucketPolicy(0.01, 1);
        var (alice, bob) = (NewUser(), NewUser());

        Assert.True((await limiter.TryAcquireAsync(alice, policy, default)).Allowed);
        Assert.False((await limiter.TryAcquireAsync(alice.ToUpperInvariant(), policy, default)).Allowed);
        Assert.True((await limiter.TryAcquireAsync(bob, policy, default)).Allowed);
    }

    [Fact]
    public async Task Concurrent_requests_never_exceed_the_burst()
    {
        var limiter = await CreateLimiterAsync();
        var policy = new TokenBucketPolicy(0.01, 10);
        var user = NewUser();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => limiter.TryAcquireAsync(user, policy, default))));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task Peeking_draws_nothing_and_says_when_the_bucket_is_empty()
    {
        var limiter = await CreateLimiterAsync();
        var policy = new TokenBucketPolicy(0.01, 2);
        var user = NewUser();

        for (var i = 0; i < 5; i++) Assert.True((await limiter.PeekAsync(user, policy, default)).Allowed, $"peek {i + 1}");
        Assert.True((await limiter.TryAcquireAsync(user, policy, default)).Allowed);
        Assert.True((await limiter.TryAcquireAsync(user, policy, default)).Allowed);

        var empty = await limiter.PeekAsync(user, policy, default);
        Assert.False(empty.Allowed);
        Assert.True(empty.RetryAfter > TimeSpan.FromSeconds(1), $"retry after {empty.RetryAfter}");
    }
}
