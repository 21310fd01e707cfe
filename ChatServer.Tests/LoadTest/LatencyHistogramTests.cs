using System.Diagnostics;
using ChatServer.LoadTest;
using ChatServer.LoadTest.Accounting;
using ChatServer.LoadTest.Metrics;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.LoadTest;

/// <summary>What the load tool relies on from its HdrHistogram-backed latency recording.</summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Small_values_are_exact()
    {
        var latencies = new LatencyRecorder();
        foreach (var value in new long[] { 5, 1, 3, 2, 4 })
        {
            latencies.Record(value);
        }

        Assert.Equal(5, latencies.Count);
        Assert.Equal(5, latencies.Max);
        Assert.Equal(3, latencies.Mean);
        Assert.Equal(1, latencies.ValueAtPercentile(0));
        Assert.Equal(1, latencies.ValueAtPercentile(20));
        Assert.Equal(3, latencies.ValueAtPercentile(50));
        Assert.Equal(4, latencies.ValueAtPercentile(80));
        Assert.Equal(5, latencies.ValueAtPercentile(100));
    }

    [Fact]
    public void Percentiles_of_a_uniform_spread_are_within_a_thousandth()
    {
        var latencies = new LatencyRecorder();
        for (long v = 1; v <= 100_000; v++)
        {
            latencies.Record(v);
        }

        foreach (var (percentile, exact) in new[] { (50.0, 50_000L), (90.0, 90_000L), (99.0, 99_000L), (99.9, 99_900L) })
        {
            Assert.InRange(latencies.ValueAtPercentile(percentile), exact, exact + (exact / 1000));
        }

        Assert.Equal(100_000, latencies.Max);
        Assert.Equal(100_000, latencies.ValueAtPercentile(100));
        Assert.Equal(50_000.5, latencies.Mean);
    }

    [Fact]
    public void Percentiles_of_a_wide_random_spread_match_the_sorted_values_within_a_thousandth()
    {
        // Log-uniform over 100 µs .. 10 s, so every magnitude (and many HdrHistogram buckets) is exercised.
        var random = new Random(42);
        var values = new long[20_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (long)Math.Pow(10, 2 + (random.NextDouble() * 5));
        }

        var latencies = new LatencyRecorder();
        foreach (var value in values)
        {
            latencies.Record(value);
        }

        Array.Sort(values);
        foreach (var percentile in new[] { 10.0, 50, 90, 99, 99.9, 99.99 })
        {
            // Nearest rank: the value at or below which this share of the samples lies.
            var rank = Math.Max(1, (long)Math.Round(percentile / 100 * values.Length));
            var exact = values[rank - 1];
            Assert.InRange(latencies.ValueAtPercentile(percentile), exact, exact + (exact / 1000));
        }

        Assert.Equal(values[^1], latencies.Max);
        Assert.Equal(values.Average(), latencies.Mean, 6);
    }

    [Fact]
    public void A_single_outlier_is_the_max_and_the_top_percentile_only()
    {
        var latencies = new LatencyRecorder();
        for (var i = 0; i < 999; i++)
        {
            latencies.Record(1_000);
        }

        latencies.Record(5_000_000);

        Assert.Equal(1_000, latencies.ValueAtPercentile(99.9));
        Assert.Equal(5_000_000, latencies.ValueAtPercentile(99.95));
        Assert.Equal(5_000_000, latencies.Max);
    }

    [Fact]
    public void Negative_and_huge_values_are_clamped_not_lost()
    {
        var latencies = new LatencyRecorder();
        latencies.Record(-7);
        latencies.Record(LatencyRecorder.HighestTrackable * 10);
        latencies.Record(long.MaxValue);

        Assert.Equal(3, latencies.Count);
        Assert.Equal(0, latencies.ValueAtPercentile(0));
        Assert.Equal(LatencyRecorder.HighestTrackable, latencies.Max);
        Assert.Equal(LatencyRecorder.HighestTrackable, latencies.ValueAtPercentile(100));
        Assert.Equal(LatencyRecorder.HighestTrackable * 2 / 3.0, latencies.Mean, 3);
    }

    [Fact]
    public void An_empty_histogram_reports_zero()
    {
        var latencies = new LatencyRecorder();

        Assert.Equal(0, latencies.ValueAtPercentile(99));
        Assert.Equal(0, latencies.ValueAtPercentile(100));
        Assert.Equal(0, latencies.Max);
        Assert.Equal(0, latencies.Mean);
        Assert.Equal(new PercentileSummary(0, 0, 0, 0, 0, 0, 0), PercentileSummary.FromMicroseconds(latencies));
    }

    [Fact]
    public async Task Concurrent_recording_counts_every_value()
    {
        const int threads = 8;
        const int perThread = 50_000;
        var latencies = new LatencyRecorder();
        using var start = new ManualResetEventSlim();

        // Dedicated threads released together, so the recording really overlaps rather than running pool task by task.
        var writers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                SpinWait.SpinUntil(() => start.IsSet);
                for (var i = 1; i <= perThread; i++)
                {
                    latencies.Record(i);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        start.Set();
        await Task.WhenAll(writers);

        Assert.Equal(threads * perThread, latencies.Count);
        Assert.Equal(perThread, latencies.Max);
        Assert.Equal((perThread + 1) / 2.0, latencies.Mean);

        // Every thread recorded 1..50 000, so the merged distribution is that range again.
        Assert.InRange(latencies.ValueAtPercentile(50), 25_000, 25_000 + 25);
        Assert.Equal(1, latencies.ValueAtPercentile(0));
    }

    [Fact]
    public async Task A_summary_taken_while_values_still_arrive_does_not_fail()
    {
        // The report is built before the clients close, so late deliveries can land while it reads.
        var latencies = new LatencyRecorder();
        latencies.Record(1);
        using var stop = new CancellationTokenSource();
        var writer = Task.Factory.StartNew(
            () =>
            {
                var random = new Random(7);
                while (!stop.IsCancellationRequested)
                {
                    latencies.Record(random.Next(1, 1_000_000));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // Summaries only count while the writer is really writing (its thread may start late on a busy machine).
        await Eventually.TrueAsync(() => latencies.Count > 1_000);
        for (var i = 0; i < 200; i++)
        {
            var summary = PercentileSummary.FromMicroseconds(latencies);
            Assert.True(summary.Count > 0);
            Assert.True(summary.P999 <= summary.Max, $"p99.9 above max: {summary}");
        }

        await stop.CancelAsync();
        await writer;
        Assert.Equal(latencies.Count, PercentileSummary.FromMicroseconds(latencies).Count);
    }

    [Fact]
    public void Summary_converts_microseconds_to_milliseconds()
    {
        var latencies = new LatencyRecorder();
        latencies.Record(1_500);
        latencies.Record(2_500);

        var summary = PercentileSummary.FromMicroseconds(latencies);

        // Below 2 048 µs HdrHistogram is exact; 2 500 sits in a 2 µs bucket whose upper edge is capped at the exact max.
        Assert.Equal(1.5, summary.P50);
        Assert.Equal(2.5, summary.P99);
        Assert.Equal(2.5, summary.Max);
        Assert.Equal(2.0, summary.Mean);
        Assert.Equal(2, summary.Count);
    }

    [Fact]
    public void Latency_is_kept_per_minute_of_the_window_by_send_time()
    {
        var metrics = new RunMetrics(60);
        var minute = Stopwatch.Frequency * 60;
        var windowStart = metrics.Origin + minute;
        metrics.OpenWindow(windowStart, windowStart + (3 * minute));
        var receiver = new ReceiverLog("r");
        var sequence = 0L;

        void Receive(long sentAt, long latencyMicroseconds) => metrics.Received(
            receiver,
            new MessageKey(1, ++sequence),
            MessageText.Create(sentAt, 20),
            sentAt + (latencyMicroseconds * Stopwatch.Frequency / 1_000_000));

        Receive(windowStart - 1, 9_999); // sent before the window: not measured
        Receive(windowStart + 1, 1_000);
        Receive(windowStart + (minute / 2), 1_200);
        Receive(windowStart + (2 * minute) + 1, 40_000);

        var byMinute = metrics.LatencyByMinute();

        Assert.Equal(2, byMinute.Count);
        Assert.Equal(0, byMinute[0].Minute);
        Assert.Equal(2, byMinute[1].Minute);
        Assert.Equal(2, byMinute[0].LatencyMs.Count);
        Assert.Equal(1.2, byMinute[0].LatencyMs.Max);
        Assert.Equal(1.1, byMinute[0].LatencyMs.Mean);
        Assert.Equal(1, byMinute[1].LatencyMs.Count);
        Assert.Equal(40.0, byMinute[1].LatencyMs.P50);
        Assert.Equal(3, metrics.Latency.Count);
        Assert.Equal(40_000, metrics.Latency.Max);
    }

    [Fact]
    public void The_coarser_per_minute_recorders_stay_within_one_percent()
    {
        var recorder = new LatencyRecorder(LatencyRecorder.CoarseDigits);
        var values = Enumerable.Range(1, 1000).Select(i => (long)i * 997).ToArray();
        foreach (var value in values) recorder.Record(value);

        foreach (var percentile in new[] { 50.0, 90.0, 99.0, 99.9 })
        {
            var exact = values[(int)Math.Ceiling(percentile / 100 * values.Length) - 1];
            Assert.InRange(recorder.ValueAtPercentile(percentile), exact, (long)(exact * 1.01));
        }
    }
}
