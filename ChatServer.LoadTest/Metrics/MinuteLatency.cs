namespace ChatServer.LoadTest.Metrics;

/// <summary>Latency of the messages sent in one minute of the measurement window (0 = its first), so a soak shows drift.</summary>
internal sealed record MinuteLatency(int Minute, PercentileSummary LatencyMs);
