namespace ChatServer.LoadTest.Metrics;

/// <summary>One second of the run: deliveries received and sends acknowledged in it.</summary>
internal sealed record ThroughputPoint(int Second, long Delivered, long Acked);
