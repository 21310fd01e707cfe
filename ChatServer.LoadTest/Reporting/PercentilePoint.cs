namespace ChatServer.LoadTest.Reporting;

/// <summary>One point of the latency-percentile curve.</summary>
internal sealed record PercentilePoint(double Percentile, double Ms);
