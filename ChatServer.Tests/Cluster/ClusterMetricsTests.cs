using System.Net;
using System.Text.Json;
using ChatServer.LoadTest.ServerMetrics;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.Metrics;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// Metrics of the running cluster (<c>./cluster.sh up 3 --observe</c>): nginx does not expose <c>/metrics</c>, every
/// instance does; the counters summed over the instances equal a known number of sends and deliveries; and the real
/// Prometheus the script starts scrapes every instance and answers a chat metric and the README's queries.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterMetricsTests(ClusterFixture cluster)
{
    private static readonly TimeSpan PrometheusWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Nginx_does_not_expose_metrics_and_every_instance_serves_them()
    {
        using var raw = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var path in new[] { "metrics", "metrics/", "metrics?format=prometheus", "Metrics", "api/%2E%2E/metrics", "hubs/..%2Fmetrics" })
        {
            using var response = await raw.GetAsync(new Uri(ClusterFixture.BaseUri + path, UriKind.Absolute));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"nginx /{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("chat_", body, StringComparison.Ordinal);
        }

        for (var i = 0; i < ClusterFixture.InstanceCount; i++)
        {
            var metrics = await MetricsScrape.ReadAsync(ClusterFixture.InstanceUris[i]);

            // Every counter and gauge from the start (the histograms come with the first send or delivery).
            foreach (var (name, type) in MetricsExpositionTests.ChatFamilies.Where(family => family.Value != "histogram"))
            {
                Assert.True(metrics.Families.TryGetValue(name, out var family) && family.Type == type, $"chat-{i + 1} has no {type} {name}");
            }

            Assert.Equal($"chat-{i + 1}", Assert.Single(metrics.Families["target_info"].Samples).Labels["service_instance_id"]);
        }
    }

    [Fact]
    public async Task The_counters_summed_over_the_instances_equal_the_sends_and_deliveries()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var room = ClusterFixture.UniqueName("metrics");
        var tabs = new List<RecordedConnection>();
        try
        {
            // One member on each instance (straight to its port), so every message crosses Redis to the other two.
            foreach (var instance in ClusterFixture.InstanceUris)
            {
                var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("m"), timeout.Token);
                var tab = new RecordedConnection(TestClients.Create(instance, token));
                tabs.Add(tab);
                await tab.Hub.StartAsync(timeout.Token);
                await tab.Hub.JoinRoomAsync(room, cancellationToken: timeout.Token);
            }

            var before = await SumsAsync();

            // 3 sends through each instance (the default rate limit allows 20 at once): 9 stored, 27 deliveries.
            foreach (var tab in tabs)
            {
                for (var i = 0; i < 3; i++) await tab.Hub.SendMessageAsync(room, $"counted {i}", cancellationToken: timeout.Token);
            }

            foreach (var tab in tabs) await tab.WaitForMessagesAsync(room, 9, TimeSpan.FromSeconds(30));
            await MetricsScrape.ExpectSumAsync(ClusterFixture.InstanceUris, "chat_messages_delivered_total", before.Delivered + 27);
            var after = await SumsAsync();
            Assert.Equal(before.Stored + 9, after.Stored);
            Assert.Equal(before.Delivered + 27, after.Delivered);
            Assert.Equal(before.SendsTimed + 9, after.SendsTimed);
            Assert.Equal(before.LagsTimed + 27, after.LagsTimed);
        }
        finally
        {
            foreach (var tab in tabs) await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task Prometheus_scrapes_every_instance_and_answers_a_chat_metric_and_the_readme_queries()
    {
        using var http = new HttpClient { BaseAddress = ClusterFixture.PrometheusUri, Timeout = TimeSpan.FromSeconds(10) };

        var up = await Eventually.ReturnsAsync(
            () => QueryAsync(http, "up{job=\"chatserver\"} == 1"), result => result.Count == ClusterFixture.InstanceCount, PrometheusWait, "every instance up in Prometheus");
        Assert.Equal(ClusterFixture.InstanceIds, up.Select(series => series.Labels["instance"]).Order(StringComparer.Ordinal));

        // A message stored now shows in Prometheus's view once the next scrape has seen it.
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("p"), CancellationToken.None);
        await using (var tab = ClusterFixture.CreateHubConnection(token))
        {
            await tab.StartAsync();
            var room = ClusterFixture.UniqueName("prom");
            await tab.JoinRoomAsync(room);
            await tab.SendMessageAsync(room, "for prometheus");
        }

        var stored = await MetricsScrape.SumAsync(ClusterFixture.InstanceUris, "chat_messages_stored_total");
        Assert.True(stored >= 1);
        await Eventually.ReturnsAsync(
            async () => (await QueryAsync(http, "sum(chat_messages_stored_total)")).Select(series => series.Value).DefaultIfEmpty(0).Single(), value => value >= stored, PrometheusWait, $"Prometheus to see {stored} stored messages");
        var members = await QueryAsync(http, "chat_connections");
        Assert.All(members, series => Assert.Contains(series.Labels["instance"], ClusterFixture.InstanceIds));

        foreach (var query in ObservabilityConfigurationTests.ReadmeQueries(await File.ReadAllTextAsync(RepositoryPaths.Readme)))
        {
            await QueryAsync(http, query);
        }

        Assert.NotEmpty(await QueryAsync(http, ObservabilityConfigurationTests.ReadmeQueries(await File.ReadAllTextAsync(RepositoryPaths.Readme))[0]));
    }

    private static async Task<(double Stored, double Delivered, double SendsTimed, double LagsTimed)> SumsAsync()
    {
        double stored = 0, delivered = 0, sends = 0, lags = 0;
        foreach (var instance in ClusterFixture.InstanceUris)
        {
            var metrics = await MetricsScrape.ReadAsync(instance);
            stored += metrics.Sum("chat_messages_stored_total");
            delivered += metrics.Sum("chat_messages_delivered_total");
            sends += metrics.Histogram("chat_send_duration_seconds", ("outcome", "ok")).Count;
            lags += metrics.Histogram("chat_delivery_lag_seconds").Count;
        }

        return (stored, delivered, sends, lags);
    }

    /// <summary>An instant query through Prometheus's HTTP API; fails unless it answers success.</summary>
    private static async Task<List<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(HttpClient http, string query)
    {
        using var response = await http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        return
        [
            .. json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
                (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString()!),
                PrometheusTextParser.ParseValue(series.GetProperty("value")[1].GetString()!))),
        ];
    }
}
