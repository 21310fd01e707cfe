using System.Threading.RateLimiting;
using ChatServer.Chat;

namespace ChatServer.Api.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> for ASP.NET Core's rate limiting middleware whose permits come from one bucket of the
/// chat's <see cref="IRateLimiter"/>, so every instance draws from the same budget (in Redis mode). The synchronous
/// attempt never grants (it cannot ask Redis without blocking); the middleware then asks <see cref="AcquireAsyncCore"/>.
/// </summary>
internal sealed class SharedTokenBucketLimiter(IRateLimiter limiter, string bucket, TokenBucketPolicy policy, TimeProvider time) : RateLimiter
{
    private long _lastUsedTicks = time.GetTimestamp();

    // The middleware's partitioned limiter drops a partition idle this long (after 10 s): this one keeps no state.
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, time.GetTimestamp());
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        var decision = await limiter.TryAcquireAsync(bucket, policy, cancellationToken);
        return decision.Allowed ? Lease.Granted : new Lease(false, decision.RetryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static readonly Lease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
