namespace ChatServer.Metrics;

/// <summary>The Prometheus endpoint of each instance (section <c>Metrics</c>).</summary>
public sealed class ChatMetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Where each instance serves its metrics (the contract's <c>GET /metrics</c>).</summary>
    public const string Path = "/metrics";

    /// <summary>
    /// Collect metrics and serve <see cref="Path"/>. Off, the instruments still exist but nothing listens to them (what
    /// the overhead measurement compares against).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) besides loopback whose addresses may read <see cref="Path"/>. Empty (the
    /// default): the subnets of this instance's own network interfaces, which in Docker is the compose network.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}
