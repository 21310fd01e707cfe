using System.Net;
using ChatServer.LoadTest.ServerMetrics;

namespace ChatServer.Tests.Metrics;

/// <summary>Reads <c>/metrics</c> of running instances and parses it with the strict parser the load tool uses.</summary>
internal static class MetricsScrape
{
    public static async Task<Exposition> ReadAsync(Uri instance, HttpClient? client = null)
    {
        using var owned = client is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(10) } : null;
        var http = client ?? owned!;
        using var response = await http.GetAsync(new Uri(instance, "metrics"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {instance}metrics answered {(int)response.StatusCode}: {text}");
        return PrometheusTextParser.Parse(text);
    }

    /// <summary>The sum of a sample over every instance (the cluster-wide view, as <c>sum(...)</c> in PromQL).</summary>
    public static async Task<double> SumAsync(IEnumerable<Uri> instances, string sampleName, params (string Name, string Value)[] labels)
    {
        var total = 0.0;
        foreach (var instance in instances) total += (await ReadAsync(instance)).Sum(sampleName, labels);
        return total;
    }

    /// <summary>Polls until the cluster-wide sum equals <paramref name="expected"/> (deliveries land asynchronously), then checks it stays there.</summary>
    public static async Task ExpectSumAsync(IReadOnlyList<Uri> instances, string sampleName, double expected, params (string Name, string Value)[] labels)
    {
        await Infrastructure.Eventually.ReturnsAsync(() => SumAsync(instances, sampleName, labels), sum => sum >= expected, TimeSpan.FromSeconds(20), $"{sampleName} to reach {expected}");
        Assert.Equal(expected, await SumAsync(instances, sampleName, labels));
    }
}
