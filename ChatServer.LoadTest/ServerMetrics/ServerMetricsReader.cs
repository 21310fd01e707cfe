namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>
/// Reads <c>/metrics</c> of every instance named by <c>--server-metrics</c> (an instance's root or its /metrics URL).
/// Straight to each instance: nginx does not expose it. An instance that cannot be read is reported, not fatal: the
/// run's own figures stand without it.
/// </summary>
internal sealed class ServerMetricsReader(IReadOnlyList<Uri> urls) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static Uri MetricsUrl(Uri url) =>
        url.AbsolutePath.TrimEnd('/').EndsWith("/metrics", StringComparison.Ordinal) ? url : new Uri(url, "metrics");

    public async Task<IReadOnlyList<InstanceScrape>> ReadAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(urls.Select(url => ReadAsync(MetricsUrl(url), cancellationToken)));

    public void Dispose() => _http.Dispose();

    private async Task<InstanceScrape> ReadAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode) return new InstanceScrape(url, url.Authority, null, $"HTTP {(int)response.StatusCode}");
            var metrics = PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var instance = metrics.Families.TryGetValue("target_info", out var target) && target.Samples is [var info] && info.Labels.TryGetValue("service_instance_id", out var id)
                ? id
                : url.Authority;
            return new InstanceScrape(url, instance, metrics, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or FormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new InstanceScrape(url, url.Authority, null, exception.Message);
        }
    }
}
