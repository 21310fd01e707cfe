namespace ChatServer.LoadTest.Metrics;

/// <summary>The percentiles every report shows, in milliseconds.</summary>
internal sealed record PercentileSummary(double P50, double P90, double P99, double P999, double Max, double Mean, long Count)
{
    /// <summary>Summarises a histogram recorded in microseconds.</summary>
    public static PercentileSummary FromMicroseconds(LatencyHistogram histogram) => new(
        ToMs(histogram.ValueAtPercentile(50)),
        ToMs(histogram.ValueAtPercentile(90)),
        ToMs(histogram.ValueAtPercentile(99)),
        ToMs(histogram.ValueAtPercentile(99.9)),
        ToMs(histogram.Max),
        Math.Round(histogram.Mean / 1000, 3),
        histogram.Count);

    private static double ToMs(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
