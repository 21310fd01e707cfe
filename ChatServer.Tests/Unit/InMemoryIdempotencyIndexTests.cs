using ChatServer.Chat.InMemory;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Unit;

/// <summary>The memory mode's idempotency keys stay bounded in count and in time, and hold ids, not messages.</summary>
public sealed class InMemoryIdempotencyIndexTests
{
    [Fact]
    public async Task Past_its_cap_the_index_forgets_the_oldest_keys_first()
    {
        var index = new InMemoryIdempotencyIndex(new ManualTimeProvider(), TimeSpan.FromHours(24), maxKeys: 1_000);

        for (var i = 0; i < 5_000; i++)
        {
            var (claim, isFirst) = index.Claim("alice", $"c-{i}");
            Assert.True(isFirst);
            index.Complete("alice", $"c-{i}", claim, new MessageId(i, 0));
        }

        Assert.InRange(index.Count, 1, 1_000);
        Assert.True(index.Claim("alice", "c-0").IsFirst, "the oldest key should have been forgotten");
        var (latest, isFirstAgain) = index.Claim("alice", "c-4999");
        Assert.False(isFirstAgain);
        Assert.Equal(new MessageId(4999, 0), await latest);
    }

    [Fact]
    public void A_key_is_forgotten_when_its_window_ends()
    {
        var clock = new ManualTimeProvider();
        var index = new InMemoryIdempotencyIndex(clock, TimeSpan.FromMinutes(5), maxKeys: 1_000);
        var (claim, _) = index.Claim("alice", "c-1");
        index.Complete("alice", "c-1", claim, new MessageId(1, 0));

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(index.Claim("alice", "c-1").IsFirst);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(index.Claim("alice", "c-1").IsFirst);
    }
}
