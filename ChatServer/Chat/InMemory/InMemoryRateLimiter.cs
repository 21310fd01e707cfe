using System.Collections.Concurrent;
using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.InMemory;

/// <summary>Token buckets in process memory, at most <see cref="MemoryOptions.MaxRateLimitBuckets"/>. Serves one instance only.</summary>
public sealed class InMemoryRateLimiter(IOptions<MemoryOptions> options, TimeProvider timeProvider) : IRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _maxBuckets = options.Value.MaxRateLimitBuckets;

    /// <summary>How many buckets are kept now.</summary>
    public int Count => _buckets.Count;

    public Task<RateLimitDecision> TryAcquireAsync(string bucket, TokenBucketPolicy policy, CancellationToken cancellationToken) =>
        Task.FromResult(Take(bucket, policy, cost: 1));

    public Task<RateLimitDecision> PeekAsync(string bucket, TokenBucketPolicy policy, CancellationToken cancellationToken) =>
        Task.FromResult(_buckets.ContainsKey(bucket) ? Take(bucket, policy, cost: 0) : RateLimitDecision.Allow);

    private RateLimitDecision Take(string name, TokenBucketPolicy policy, int cost)
    {
        var now = timeProvider.GetUtcNow();
        if (!_buckets.TryGetValue(name, out var bucket))
        {
            MakeRoom(now);
            bucket = _buckets.GetOrAdd(name, static (_, state) => new Bucket(state.Burst, state.Now), (policy.Burst, Now: now));
        }

        lock (bucket)
        {
            bucket.Refill(policy, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= cost;
                return RateLimitDecision.Allow;
            }

            return RateLimitDecision.Deny(TimeSpan.FromSeconds((1 - bucket.Tokens) / policy.PerSecond));
        }
    }

    // Full buckets first (they hold nothing); if that is not enough, the least recently used tenth.
    private void MakeRoom(DateTimeOffset now)
    {
        if (_buckets.Count < _maxBuckets)
        {
            return;
        }

        foreach (var (name, bucket) in _buckets)
        {
            if (bucket.IsFullAt(now))
            {
                _buckets.TryRemove(name, out _);
            }
        }

        if (_buckets.Count >= _maxBuckets)
        {
            foreach (var (name, _) in _buckets.OrderBy(entry => entry.Value.UpdatedAt).Take(Math.Max(1, _maxBuckets / 10)).ToList())
            {
                _buckets.TryRemove(name, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset updatedAt)
    {
        private TokenBucketPolicy _policy;

        public double Tokens { get; set; } = tokens;

        public DateTimeOffset UpdatedAt { get; private set; } = updatedAt;

        public void Refill(TokenBucketPolicy policy, DateTimeOffset now)
        {
            _policy = policy;
            var elapsed = Math.Max(0, (now - UpdatedAt).TotalSeconds);
            Tokens = Math.Min(policy.Burst, Tokens + (elapsed * policy.PerSecond));
            UpdatedAt = now;
        }

        public bool IsFullAt(DateTimeOffset now)
        {
            lock (this)
            {
                return _policy.Burst > 0 && Tokens + (Math.Max(0, (now - UpdatedAt).TotalSeconds) * _policy.PerSecond) >= _policy.Burst;
            }
        }
    }
}
