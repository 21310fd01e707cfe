namespace ChatServer.LoadTest.Metrics;

/// <summary>The percentiles every report shows, in milliseconds.</summary>
internal sealed record PercentileSummary(double P50, double P90, double P99, double P999, double Max, double Mean, long Count)
{
    /// <summary>Summarises latencies recorded in microseconds.</summary>
    public static PercentileSummary FromMicroseconds(LatencyRecorder latencies) => new(
        ToMs(latencies.ValueAtPercentile(50)),
        ToMs(latencies.ValueAtPercentile(90)),
        ToMs(latencies.ValueAtPercentile(99)),
        ToMs(latencies.ValueAtPercentile(99.9)),
        ToMs(latencies.Max),
        Math.Round(latencies.Mean / 1000, 3),
        latencies.Count);

    private static double ToMs(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
