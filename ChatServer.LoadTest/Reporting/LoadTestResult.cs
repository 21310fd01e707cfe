using ChatServer.LoadTest.Metrics;
using ChatServer.LoadTest.ServerMetrics;

namespace ChatServer.LoadTest.Reporting;

/// <summary>Every figure of one run; serialised as-is (camelCase) by <c>--json</c>.</summary>
internal sealed record LoadTestResult
{
    private static readonly double[] ChartPercentiles = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];

    public required string RunId { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required int ProcessorCount { get; init; }

    public required OptionsEcho Options { get; init; }

    public required int Clients { get; init; }

    public required long ConnectionsAttempted { get; init; }

    public required long Connected { get; init; }

    public required long FailedConnections { get; init; }

    public required IReadOnlyDictionary<string, long> ConnectErrors { get; init; }

    public required PercentileSummary ConnectMs { get; init; }

    /// <summary>Seconds to get every user's session before connecting (see <c>--provision-key</c>).</summary>
    public required double LoginSeconds { get; init; }

    /// <summary>Connections that joined their room and count as receivers.</summary>
    public required int Members { get; init; }

    public required long Sent { get; init; }

    public required long Acked { get; init; }

    public required IReadOnlyDictionary<string, long> SendErrors { get; init; }

    public required long ExpectedDeliveries { get; init; }

    public required long Delivered { get; init; }

    public required long UniqueDelivered { get; init; }

    public required long Lost { get; init; }

    public required long Duplicates { get; init; }

    public required long OutOfOrder { get; init; }

    public required IReadOnlyDictionary<string, long> OutOfOrderByRoom { get; init; }

    public required long UnexpectedDeliveries { get; init; }

    public required double MeasuredSeconds { get; init; }

    public required double DeliveredPerSec { get; init; }

    /// <summary>Payload bytes received by all clients over the run ÷ messages delivered: the hub protocol's cost per delivery.</summary>
    public required double ReceivedBytesPerDelivery { get; init; }

    public required PercentileSummary LatencyMs { get; init; }

    public required IReadOnlyList<PercentilePoint> LatencyPercentiles { get; init; }

    /// <summary>Latency per minute of the measurement window (by send time): drift over a soak.</summary>
    public required IReadOnlyList<MinuteLatency> LatencyByMinute { get; init; }

    public required IReadOnlyList<ThroughputPoint> Throughput { get; init; }

    public required long Reconnects { get; init; }

    public required long Disconnects { get; init; }

    public required IReadOnlyDictionary<string, int> Instances { get; init; }

    /// <summary>CPU this process used during the measurement window, in % of one core.</summary>
    public required double GeneratorCpuPercent { get; init; }

    /// <summary>CPU the <c>--server-pids</c> processes used during the measurement window, in % of one core (0 when not given).</summary>
    public required double ServerCpuPercent { get; init; }

    /// <summary>The servers' own view (their /metrics before and after, <c>--server-metrics</c>); null when not asked for.</summary>
    public required ServerView? Server { get; init; }

    /// <summary>Why the run failed (loss, duplicates, disorder, failed connections); empty when it passed.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    public bool Passed => Failures.Count == 0;

    /// <param name="instances">Instance id → clients it holds (from GetServerInfo), over the clients that joined.</param>
    /// <param name="server">The servers' view from their /metrics, when the run read it.</param>
    public static LoadTestResult Create(LoadTestOptions options, RunMetrics metrics, IReadOnlyDictionary<string, int> instances, SendWindow window, ServerView? server = null)
    {
        var totals = metrics.Ledger.Totals();
        var seconds = window.Duration.TotalSeconds;
        var failures = new List<string>();
        var members = instances.Values.Sum();
        var failedConnections = metrics.ConnectAttempts - members;
        if (members == 0)
        {
            failures.Add("no client connected");
        }

        if (failedConnections > 0)
        {
            failures.Add($"{failedConnections} connections failed");
        }

        if (totals.Lost > 0)
        {
            failures.Add($"{totals.Lost} deliveries lost");
        }

        if (totals.Duplicates > 0)
        {
            failures.Add($"{totals.Duplicates} deliveries duplicated");
        }

        if (totals.OutOfOrder > 0)
        {
            failures.Add($"{totals.OutOfOrder} deliveries out of order");
        }

        var points = metrics.Timeline.Points(metrics.SinceOrigin(System.Diagnostics.Stopwatch.GetTimestamp()));
        return new LoadTestResult
        {
            RunId = options.RunId,
            FinishedAt = DateTimeOffset.UtcNow,
            ProcessorCount = Environment.ProcessorCount,
            Options = OptionsEcho.From(options),
            Clients = options.Clients,
            ConnectionsAttempted = metrics.ConnectAttempts,
            Connected = metrics.Connected,
            FailedConnections = failedConnections,
            ConnectErrors = metrics.ConnectErrors.Snapshot(),
            ConnectMs = PercentileSummary.FromMicroseconds(metrics.ConnectTime),
            LoginSeconds = Math.Round(metrics.LoginSeconds, 3),
            Members = members,
            Sent = metrics.Sent,
            Acked = metrics.Ledger.Acked,
            SendErrors = metrics.SendErrors.Snapshot(),
            ExpectedDeliveries = totals.Expected,
            Delivered = totals.Delivered,
            UniqueDelivered = totals.UniqueDelivered,
            Lost = totals.Lost,
            Duplicates = totals.Duplicates,
            OutOfOrder = totals.OutOfOrder,
            OutOfOrderByRoom = totals.OutOfOrderByRoom,
            UnexpectedDeliveries = totals.Unexpected,
            MeasuredSeconds = Math.Round(seconds, 3),
            DeliveredPerSec = seconds > 0 ? Math.Round(metrics.DeliveredInWindow / seconds, 1) : 0,
            ReceivedBytesPerDelivery = totals.Delivered > 0 ? Math.Round((double)metrics.TotalBytesReceived / totals.Delivered, 1) : 0,
            LatencyMs = PercentileSummary.FromMicroseconds(metrics.Latency),
            LatencyByMinute = metrics.LatencyByMinute(),
            LatencyPercentiles = [.. ChartPercentiles.Select(p => new PercentilePoint(p, Math.Round(metrics.Latency.ValueAtPercentile(p) / 1000.0, 3)))],
            Throughput = [.. points.SkipWhile(p => p.Delivered == 0 && p.Acked == 0)],
            Reconnects = metrics.Reconnects,
            Disconnects = metrics.Disconnects,
            Instances = new SortedDictionary<string, int>(instances.ToDictionary(), StringComparer.Ordinal),
            GeneratorCpuPercent = seconds > 0 ? Math.Round(window.GeneratorCpu.TotalSeconds / seconds * 100, 1) : 0,
            ServerCpuPercent = seconds > 0 ? Math.Round(window.ServerCpu.TotalSeconds / seconds * 100, 1) : 0,
            Server = server,
            Failures = failures,
        };
    }
}
