using System.Globalization;
using System.Net;
using System.Text;

namespace ChatServer.LoadTest.Reporting;

/// <summary>
/// A self-contained HTML page: summary table, latency-percentile chart and throughput-over-time chart, both as
/// inline SVG (no script, no CDN), so the file can be attached to an issue and opened anywhere.
/// </summary>
internal static class HtmlReport
{
    private const int Width = 720;
    private const int Height = 280;
    private const int Margin = 50;
    private const int PlotTop = 30;
    private const int PlotRight = Width - 40;

    public static async Task WriteAsync(string path, LoadTestResult result, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(path, Render(result), cancellationToken);

    public static string Render(LoadTestResult r)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ChatServer load test ")
            .Append(Encode(r.RunId))
            .Append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{text-align:left;background:#f4f4f4}")
            .Append(".fail{color:#b00020;font-weight:bold}.pass{color:#0a7d2c;font-weight:bold}svg{background:#fafafa;border:1px solid #ddd}</style></head><body>");
        html.Append("<h1>ChatServer load test</h1><p>")
            .Append(Encode($"{r.Options.Url} · {r.Clients} clients · {r.Options.Rooms} rooms · {r.Options.Rate} msg/s · {r.MeasuredSeconds} s measured · {r.ProcessorCount} cores · finished {r.FinishedAt:u}"))
            .Append("</p><p class=\"").Append(r.Passed ? "pass\">PASSED" : "fail\">FAILED: " + Encode(string.Join("; ", r.Failures))).Append("</p>");

        html.Append("<h2>Summary</h2><table>");
        foreach (var (name, value) in ConsoleSummary.Rows(r))
        {
            html.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        }

        html.Append("</table><h2>Latency by percentile (send → every receipt)</h2>");
        html.Append(LatencyChart(r.LatencyPercentiles));
        html.Append("<h2>Throughput over time</h2>");
        html.Append(ThroughputChart(r.Throughput));
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>x: percentile on the usual "nines" scale, -log10(1 - p); y: milliseconds.</summary>
    private static string LatencyChart(IReadOnlyList<PercentilePoint> points)
    {
        const double maxNines = 4; // 99.99 %
        static double Nines(double percentile) => Math.Min(maxNines, -Math.Log10(Math.Max(1e-4, 1 - (percentile / 100))));
        var maxMs = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Ms));
        var line = string.Join(' ', points.Select(p => Point(Nines(p.Percentile) / maxNines, p.Ms / maxMs)));
        var svg = Frame("percentile", "ms", maxMs);
        foreach (var (label, nines) in new[] { ("0%", 0.0), ("90%", 1.0), ("99%", 2.0), ("99.9%", 3.0), ("99.99%", 4.0) })
        {
            svg.Append(XTick(nines / maxNines, label));
        }

        return svg.Append("<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\" points=\"").Append(line).Append("\"/></svg>").ToString();
    }

    private static string ThroughputChart(IReadOnlyList<Metrics.ThroughputPoint> points)
    {
        var maxY = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => Math.Max(p.Delivered, p.Acked)));
        var maxX = Math.Max(1, points.Count - 1);
        var delivered = string.Join(' ', points.Select((p, i) => Point((double)i / maxX, (double)p.Delivered / maxY)));
        var acked = string.Join(' ', points.Select((p, i) => Point((double)i / maxX, (double)p.Acked / maxY)));
        var svg = Frame("seconds", "per second", maxY);
        for (var i = 0; i <= 4; i++)
        {
            svg.Append(XTick(i / 4.0, Math.Round(maxX * i / 4.0).ToString(CultureInfo.InvariantCulture)));
        }

        svg.Append("<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\" points=\"").Append(delivered).Append("\"/>");
        svg.Append("<polyline fill=\"none\" stroke=\"#d9822b\" stroke-width=\"2\" points=\"").Append(acked).Append("\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 300}\" y=\"16\" font-size=\"12\" fill=\"#1f5fbf\">— deliveries/s</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 160}\" y=\"16\" font-size=\"12\" fill=\"#d9822b\">— acked sends/s</text>");
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Frame(string xLabel, string yLabel, double maxY)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{Height - Margin}\" x2=\"{PlotRight}\" y2=\"{Height - Margin}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{PlotTop}\" x2=\"{Margin}\" y2=\"{Height - Margin}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"16\" font-size=\"12\">{Encode(yLabel)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var y = Height - Margin - ((Height - Margin - PlotTop) * i / 4.0);
            var value = maxY * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{y:0.#}\" x2=\"{PlotRight}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{value:0.##}</text>");
        }

        return svg;
    }

    private static string XTick(double fraction, string label)
    {
        var x = Margin + ((PlotRight - Margin) * fraction);
        return string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - Margin + 16}\" text-anchor=\"middle\" font-size=\"11\">{Encode(label)}</text>");
    }

    private static string Point(double fx, double fy) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Margin + ((PlotRight - Margin) * fx):0.#},{Height - Margin - ((Height - Margin - PlotTop) * fy):0.#}");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
