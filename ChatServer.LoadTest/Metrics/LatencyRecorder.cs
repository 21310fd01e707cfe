using HdrHistogram;

namespace ChatServer.LoadTest.Metrics;

/// <summary>
/// Microsecond latencies recorded from many threads at once into an HdrHistogram <see cref="LongConcurrentHistogram"/>.
/// Wrapped because the reports need what the library does not give safely while recording goes on: its max and mean
/// enumerate the counts and throw if a late delivery lands meanwhile (the report is built before clients close), and
/// its percentile query throws on an empty histogram. So max and sum are kept exactly here, and empty reads zero.
/// </summary>
internal sealed class LatencyRecorder
{
    /// <summary>One hour in µs: no run drains that long, so larger values are clamped (still counted, as the slowest).</summary>
    internal const long HighestTrackable = 3_600_000_000;

    /// <summary>0.1 % resolution (values below 2 048 µs kept exactly), about 185 KiB per recorder.</summary>
    internal const int FineDigits = 3;

    /// <summary>1 % resolution, about 25 KiB: for the per-minute recorders, of which a long soak keeps many.</summary>
    internal const int CoarseDigits = 2;

    private readonly LongConcurrentHistogram _histogram;
    private long _sum;
    private long _max;

    public LatencyRecorder(int significantDigits = FineDigits) =>
        _histogram = new LongConcurrentHistogram(1, HighestTrackable, significantDigits);

    public long Count => _histogram.TotalCount;

    public long Max => Count == 0 ? 0 : Interlocked.Read(ref _max);

    public double Mean
    {
        get
        {
            var count = Count;
            return count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / count;
        }
    }

    public void Record(long microseconds)
    {
        var value = Math.Clamp(microseconds, 0, HighestTrackable);

        // Max before the histogram, so a concurrent percentile read never sees a value above the max it caps at.
        UpdateMax(value);
        Interlocked.Add(ref _sum, value);
        _histogram.RecordValue(value);
    }

    /// <summary>
    /// HdrHistogram's value at <paramref name="percentile"/> (the upper edge of its bucket, so within its resolution above), capped
    /// at the exact max so the 100th percentile and "max" agree.
    /// </summary>
    public long ValueAtPercentile(double percentile) =>
        Count == 0 ? 0 : Math.Min(_histogram.GetValueAtPercentile(percentile), Max);

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
}
