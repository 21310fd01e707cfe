using ChatServer.LoadTest.Metrics;

namespace ChatServer.Tests.LoadTest;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Small_values_are_exact()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in new long[] { 5, 1, 3, 2, 4 })
        {
            histogram.Record(value);
        }

        Assert.Equal(5, histogram.Count);
        Assert.Equal(1, histogram.Min);
        Assert.Equal(5, histogram.Max);
        Assert.Equal(3, histogram.Mean);
        Assert.Equal(1, histogram.ValueAtPercentile(0));
        Assert.Equal(1, histogram.ValueAtPercentile(20));
        Assert.Equal(3, histogram.ValueAtPercentile(50));
        Assert.Equal(4, histogram.ValueAtPercentile(80));
        Assert.Equal(5, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Percentiles_of_a_uniform_spread_are_within_one_sixty_fourth()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++)
        {
            histogram.Record(v);
        }

        foreach (var (percentile, exact) in new[] { (50.0, 50_000L), (90.0, 90_000L), (99.0, 99_000L), (99.9, 99_900L) })
        {
            var reported = histogram.ValueAtPercentile(percentile);
            Assert.InRange(reported, exact, exact + (exact / 64) + 1);
        }

        Assert.Equal(100_000, histogram.Max);
        Assert.Equal(100_000, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void A_single_outlier_is_the_max_and_the_top_percentile_only()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 999; i++)
        {
            histogram.Record(1_000);
        }

        histogram.Record(5_000_000);

        Assert.InRange(histogram.ValueAtPercentile(99.9), 1_000, 1_016);
        Assert.Equal(5_000_000, histogram.ValueAtPercentile(99.95));
        Assert.Equal(5_000_000, histogram.Max);
    }

    [Fact]
    public void Every_bucket_covers_a_contiguous_range_that_maps_back_to_it()
    {
        var previousHigh = -1L;
        for (var index = 0; index <= LatencyHistogram.IndexOf(LatencyHistogram.MaxTrackable); index++)
        {
            var low = LatencyHistogram.LowestEquivalent(index);
            var high = LatencyHistogram.HighestEquivalent(index);
            Assert.Equal(previousHigh + 1, low);
            Assert.Equal(index, LatencyHistogram.IndexOf(low));
            Assert.Equal(index, LatencyHistogram.IndexOf(high));
            Assert.True(high - low <= Math.Max(0, low / 64), $"bucket {index} [{low}, {high}] is wider than 1/64 of its value");
            previousHigh = high;
        }
    }

    [Fact]
    public void Negative_and_huge_values_are_clamped_not_lost()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-7);
        histogram.Record(long.MaxValue);

        Assert.Equal(2, histogram.Count);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(LatencyHistogram.MaxTrackable, histogram.Max);
    }

    [Fact]
    public void An_empty_histogram_reports_zero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Mean);
    }

    [Fact]
    public async Task Concurrent_recording_counts_every_value()
    {
        var histogram = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.Record((t * 10_000) + i);
            }
        })));

        Assert.Equal(80_000, histogram.Count);
        Assert.Equal(79_999, histogram.Max);
        Assert.Equal(0, histogram.Min);
    }

    [Fact]
    public void Adding_histograms_merges_counts_and_extremes()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        a.Record(20);
        b.Record(5);
        b.Record(30_000);

        a.Add(b);

        Assert.Equal(4, a.Count);
        Assert.Equal(5, a.Min);
        Assert.Equal(30_000, a.Max);
        Assert.Equal(10, a.ValueAtPercentile(50));
    }

    [Fact]
    public void Summary_converts_microseconds_to_milliseconds()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_500);
        histogram.Record(2_500);

        var summary = PercentileSummary.FromMicroseconds(histogram);

        // Percentiles report their bucket's upper edge (within 1/64); the max is exact.
        Assert.InRange(summary.P50, 1.5, 1.5 * (1 + (1 / 64.0)));
        Assert.Equal(2.5, summary.Max);
        Assert.Equal(2, summary.Count);
    }
}
