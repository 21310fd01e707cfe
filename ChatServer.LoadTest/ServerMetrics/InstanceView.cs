namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>One instance's side of a run: what its counters and histograms moved by between the two scrapes.</summary>
internal sealed record InstanceView(
    string Instance,
    string Url,
    double Connections,
    double Stored,
    double Delivered,
    double? SendP99Ms,
    double? DeliveryLagP99Ms,
    double RedisErrors,
    double SlowConsumerDisconnects,
    double RateLimited,
    string? Error);
