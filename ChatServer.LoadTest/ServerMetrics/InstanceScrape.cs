namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>One instance's <c>/metrics</c> at one moment: the instance id it reports (target_info), or why it could not be read.</summary>
internal sealed record InstanceScrape(Uri Url, string Instance, Exposition? Metrics, string? Error);
