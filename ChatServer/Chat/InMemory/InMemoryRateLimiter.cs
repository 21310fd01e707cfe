using System.Collections.Concurrent;
using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.InMemory;

/// <summary>A token bucket per user in process memory. Serves one instance only.</summary>
public sealed class InMemoryRateLimiter(IOptions<RateLimitOptions> options, TimeProvider timeProvider) : IRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly double _ratePerSecond = options.Value.MessagesPerSecond;
    private readonly double _capacity = options.Value.Burst;

    public Task<RateLimitDecision> TryAcquireAsync(string userName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var bucket = _buckets.GetOrAdd(userName, static (_, state) => new Bucket(state.Capacity, state.Now), (Capacity: _capacity, Now: now));
        lock (bucket)
        {
            var elapsed = Math.Max(0, (now - bucket.UpdatedAt).TotalSeconds);
            bucket.Tokens = Math.Min(_capacity, bucket.Tokens + (elapsed * _ratePerSecond));
            bucket.UpdatedAt = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return Task.FromResult(RateLimitDecision.Allow);
            }

            return Task.FromResult(RateLimitDecision.Deny(TimeSpan.FromSeconds((1 - bucket.Tokens) / _ratePerSecond)));
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset updatedAt)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset UpdatedAt { get; set; } = updatedAt;
    }
}
