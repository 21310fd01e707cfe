using System.Globalization;
using Spectre.Console;

namespace ChatServer.LoadTest.Reporting;

/// <summary>The end-of-run table (console and HTML share its rows).</summary>
internal static class ConsoleSummary
{
    public static IEnumerable<(string Name, string Value)> Rows(LoadTestResult r)
    {
        yield return ("users' sessions (s)", F(r.LoginSeconds));
        yield return ("connections attempted / established / failed", $"{r.ConnectionsAttempted} / {r.Connected} / {r.FailedConnections}");
        yield return ("time to connect p50 / p99 / max (ms)", $"{F(r.ConnectMs.P50)} / {F(r.ConnectMs.P99)} / {F(r.ConnectMs.Max)}");
        yield return ("room members", r.Members.ToString(CultureInfo.InvariantCulture));
        yield return ("sent / acked", $"{r.Sent} / {r.Acked}");
        yield return ("send errors", Kinds(r.SendErrors));
        yield return ("connect errors", Kinds(r.ConnectErrors));
        yield return ("deliveries expected / received (unique)", $"{r.ExpectedDeliveries} / {r.Delivered} ({r.UniqueDelivered})");
        yield return ("lost / duplicated / out of order", $"{r.Lost} / {r.Duplicates} / {r.OutOfOrder}");
        yield return ("deliveries of unacknowledged sends", r.UnexpectedDeliveries.ToString(CultureInfo.InvariantCulture));
        yield return ("delivered msgs/s (measured window)", F(r.DeliveredPerSec));
        yield return ("bytes received per delivery (hub protocol payload)", F(r.ReceivedBytesPerDelivery));
        yield return ("latency p50 / p90 / p99 / p99.9 / max (ms)", $"{F(r.LatencyMs.P50)} / {F(r.LatencyMs.P90)} / {F(r.LatencyMs.P99)} / {F(r.LatencyMs.P999)} / {F(r.LatencyMs.Max)}");
        yield return ("latency samples", r.LatencyMs.Count.ToString(CultureInfo.InvariantCulture));
        yield return ("reconnects / disconnects", $"{r.Reconnects} / {r.Disconnects}");
        yield return ("clients per instance", r.Instances.Count == 0 ? "-" : string.Join(", ", r.Instances.Select(kv => $"{kv.Key}: {kv.Value}")));
        yield return ("load generator CPU (% of one core)", F(r.GeneratorCpuPercent));
        yield return ("server CPU (% of one core, --server-pids)", F(r.ServerCpuPercent));
        yield return ("cores on this machine", r.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        if (r.Server is not { } server) yield break;

        // The servers' view, from their /metrics before and after (--server-metrics), next to the clients'.
        yield return ("acked by clients / stored by servers", $"{r.Acked} / {F(server.Stored)}");
        yield return ("received by clients / written by servers", $"{r.Delivered} / {F(server.Delivered)}");
        yield return ("client end-to-end p50 / p99 (ms)", $"{F(r.LatencyMs.P50)} / {F(r.LatencyMs.P99)}");
        yield return ("server send p50 / p99 (ms, from buckets)", $"{Ms(server.SendP50Ms)} / {Ms(server.SendP99Ms)}");
        yield return ("server delivery lag p50 / p99 (ms, from buckets)", $"{Ms(server.DeliveryLagP50Ms)} / {Ms(server.DeliveryLagP99Ms)}");
        yield return ("deliveries per instance (server)", string.Join(", ", server.Instances.Select(i => i.Error is null ? $"{i.Instance}: {F(i.Delivered)}" : $"{i.Instance}: unreadable ({i.Error})")));
        yield return ("server send p99 per instance (ms)", string.Join(", ", server.Instances.Where(i => i.Error is null).Select(i => $"{i.Instance}: {Ms(i.SendP99Ms)}")));
        yield return ("server Redis errors / slow-consumer closes / rate limited / replayed", $"{F(server.RedisErrors)} / {F(server.SlowConsumerDisconnects)} / {F(server.RateLimited)} / {F(server.Replayed)}");
    }

    private static string Ms(double? value) => value is { } ms ? F(ms) : "-";

    public static void Write(IAnsiConsole console, LoadTestResult result)
    {
        var table = new Table().Title("ChatServer load test " + result.RunId).AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in Rows(result))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        console.Write(table);
        console.MarkupLine(result.Passed
            ? "[green]PASSED[/]: nothing lost, duplicated or out of order; every connection established."
            : "[red]FAILED[/]: " + Markup.Escape(string.Join("; ", result.Failures)));
    }

    private static string Kinds(IReadOnlyDictionary<string, long> kinds) =>
        kinds.Count == 0 ? "0" : string.Join(", ", kinds.Select(kv => $"{kv.Key}: {kv.Value}"));

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
