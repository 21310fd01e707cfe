using System.Numerics;

namespace ChatServer.LoadTest.Metrics;

/// <summary>
/// An HDR-style log-linear histogram of non-negative integer values (the tool records microseconds).
/// Values below 128 get one bucket each; above, every power of two is split into 64 linear sub-buckets,
/// so any recorded value is reported within 1/64 (about 1.6 %) of itself. HdrHistogram does not restore here.
/// Thread-safe: recording is a few interlocked operations, no lock.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 128;
    private const int SubBuckets = 64;
    private const int SubBucketBits = 6;

    /// <summary>The largest value kept exactly in a bucket (2^40 µs is about 12 days); larger values are clamped.</summary>
    internal const long MaxTrackable = (1L << 40) - 1;

    private static readonly int BucketCount = IndexOf(MaxTrackable) + 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _max;
    private long _min = long.MaxValue;

    public long Count => Interlocked.Read(ref _count);

    public long Max => Count == 0 ? 0 : Interlocked.Read(ref _max);

    public long Min => Count == 0 ? 0 : Interlocked.Read(ref _min);

    public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public void Record(long value)
    {
        value = Math.Clamp(value, 0, MaxTrackable);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Add(ref _sum, value);
        Interlocked.Increment(ref _count);
        UpdateMax(value);
        UpdateMin(value);
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            var c = Interlocked.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        var count = other.Count;
        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _count, count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        UpdateMax(other.Max);
        UpdateMin(other.Min);
    }

    /// <summary>
    /// The smallest recorded value v such that at least <paramref name="percentile"/> % of values are ≤ v, reported
    /// as the upper edge of its bucket (as HdrHistogram does) but never above the exact maximum.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        // Rounded first so 99.9 % of 1000 is 999 values, not 1000 through floating-point noise.
        var target = Math.Max(1, (long)Math.Ceiling(Math.Round(percentile * count / 100, 6)));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= target)
            {
                return Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        // Keep the top 7 significant bits: the leading one plus 6 bits that pick the linear sub-bucket.
        var shift = BitOperations.Log2((ulong)value) - SubBucketBits;
        var top = (int)(value >> shift);
        return LinearLimit + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }

    internal static long LowestEquivalent(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var top = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        return (long)top << shift;
    }

    internal static long HighestEquivalent(int index) =>
        index < LinearLimit ? index : LowestEquivalent(index + 1) - 1;

    private void UpdateMax(long value)
    {
        var current = Interlocked.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long value)
    {
        var current = Interlocked.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
