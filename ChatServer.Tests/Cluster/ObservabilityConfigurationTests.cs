using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatServer.LoadTest.ServerMetrics;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.Metrics;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// Prometheus and Grafana as docker-compose.yml runs them, checked offline (no Docker engine here): the Prometheus
/// configuration passes promtool and scrapes every instance, Grafana's provisioning points at it, and the dashboard is
/// valid JSON whose every query is valid PromQL over metrics a server really exposes.
/// </summary>
public sealed partial class ObservabilityConfigurationTests
{
    private static readonly string DashboardFile = Path.Combine(RepositoryPaths.GrafanaDirectory, "dashboards", "chatserver.json");

    [Fact]
    public async Task Promtool_accepts_the_prometheus_configuration_the_compose_file_mounts()
    {
        var config = await ComposeConfigAsync();
        var mount = Assert.Single(VolumeMount().Matches(config), match => match.Groups["target"].Value == "/etc/prometheus/prometheus.yml");

        Assert.Equal(RepositoryPaths.PrometheusConf, Path.GetFullPath(mount.Groups["source"].Value, RepositoryPaths.Root));
        Assert.Contains("--config.file=/etc/prometheus/prometheus.yml", config, StringComparison.Ordinal);
        var check = await Promtool.CheckConfigAsync(RepositoryPaths.PrometheusConf);
        Assert.True(check.ExitCode == 0, check.Describe());
    }

    [Fact]
    public async Task Prometheus_scrapes_every_compose_instance_under_its_instance_id()
    {
        var config = await ComposeConfigAsync();
        var prometheus = await File.ReadAllTextAsync(RepositoryPaths.PrometheusConf);

        var targets = ScrapeTarget().Matches(prometheus).Select(match => (Address: match.Groups["address"].Value, Instance: match.Groups["instance"].Value)).ToList();
        var instanceIds = ClusterConfigurationTests.InstanceIdSetting().Matches(config).Select(match => match.Groups["id"].Value).Order(StringComparer.Ordinal);

        Assert.Equal(instanceIds, targets.Select(target => target.Instance));
        Assert.All(targets, target => Assert.Equal($"{target.Instance}:8080", target.Address));
        Assert.Contains("metrics_path: /metrics", prometheus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_prometheus_configuration_differs_only_in_addresses_and_is_valid_for_any_size()
    {
        var local = await ClusterScript.RunAsync(TimeSpan.FromSeconds(60), CancellationToken.None, "prometheus-conf", "3");
        Assert.True(local.ExitCode == 0, local.Describe());
        var expected = ClusterConfigurationTests.DockerAddress().Replace(await File.ReadAllTextAsync(RepositoryPaths.PrometheusConf), match => $"127.0.0.1:{5000 + int.Parse(match.Groups["i"].Value, CultureInfo.InvariantCulture)}");
        Assert.Equal(expected, local.StandardOutput);

        var five = await ClusterScript.RunAsync(TimeSpan.FromSeconds(60), CancellationToken.None, "prometheus-conf", "5");
        Assert.True(five.ExitCode == 0, five.Describe());
        Assert.Equal(["chat-1", "chat-2", "chat-3", "chat-4", "chat-5"], ScrapeTarget().Matches(five.StandardOutput).Select(match => match.Groups["instance"].Value));
        var file = Path.Combine(Path.GetTempPath(), $"prometheus-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, five.StandardOutput);
        try
        {
            var check = await Promtool.CheckConfigAsync(file);
            Assert.True(check.ExitCode == 0, check.Describe());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Grafana_gets_the_compose_prometheus_as_data_source_and_the_dashboard_folder_compose_mounts()
    {
        var config = await ComposeConfigAsync();
        var mounts = VolumeMount().Matches(config).ToDictionary(match => match.Groups["target"].Value, match => Path.GetFullPath(match.Groups["source"].Value, RepositoryPaths.Root));
        var provisioning = mounts["/etc/grafana/provisioning"];
        var dashboards = mounts["/var/lib/grafana/dashboards"];
        Assert.Equal(Path.Combine(RepositoryPaths.GrafanaDirectory, "provisioning"), provisioning);
        Assert.True(File.Exists(Path.Combine(dashboards, "chatserver.json")));

        var datasource = await File.ReadAllTextAsync(Path.Combine(provisioning, "datasources", "prometheus.yml"));
        Assert.Matches(@"(?m)^\s+type: prometheus$", datasource);
        Assert.Matches(@"(?m)^\s+url: http://prometheus:9090$", datasource);
        Assert.Contains("  prometheus:\n", config, StringComparison.Ordinal);
        Assert.Equal(DataSourceUid(), Regex.Match(datasource, @"(?m)^\s+uid: (?<uid>\S+)$").Groups["uid"].Value);

        var provider = await File.ReadAllTextAsync(Path.Combine(provisioning, "dashboards", "chatserver.yml"));
        Assert.Matches(@"(?m)^\s+path: /var/lib/grafana/dashboards$", provider);
        Assert.Contains("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: /var/lib/grafana/dashboards/chatserver.json", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_dashboard_panel_queries_the_provisioned_data_source_with_valid_promql()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(DashboardFile));
        var root = dashboard.RootElement;
        Assert.Equal("chatserver", root.GetProperty("uid").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());

        foreach (var panel in panels.Where(panel => panel.GetProperty("type").GetString() != "row"))
        {
            var title = panel.GetProperty("title").GetString();
            Assert.False(string.IsNullOrWhiteSpace(title));
            var grid = panel.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
            Assert.Equal(DataSourceUid(), panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            Assert.Equal(targets.Count, targets.Select(target => target.GetProperty("refId").GetString()).Distinct().Count());
        }

        var check = await Promtool.CheckExpressionsAsync(DashboardExpressions().Select(Concrete));
        Assert.True(check.ExitCode == 0, check.Describe());
    }

    [Fact]
    public async Task The_dashboard_shows_what_an_operator_needs_from_metrics_a_server_really_exposes()
    {
        var expressions = DashboardExpressions();
        foreach (var needed in new[]
        {
            "chat_connections", "chat_messages_stored_total", "chat_messages_delivered_total", "chat_slow_consumer_disconnects_total",
            "chat_redis_errors_total", "chat_backplane_replayed_messages_total", "dotnet_process_cpu_time_seconds_total", "dotnet_process_memory_working_set_bytes",
        })
        {
            Assert.Contains(expressions, expression => expression.Contains(needed, StringComparison.Ordinal));
        }

        foreach (var histogram in new[] { "chat_send_duration_seconds_bucket", "chat_delivery_lag_seconds_bucket" })
        {
            foreach (var quantile in new[] { "0.5", "0.95", "0.99" })
            {
                Assert.Contains(expressions, expression => expression.StartsWith($"histogram_quantile({quantile},", StringComparison.Ordinal) && expression.Contains(histogram, StringComparison.Ordinal));
            }
        }

        // Every name a panel reads exists on a real server's /metrics once it has carried a message.
        var exposed = await ExposedSampleNamesAsync();
        var read = expressions.SelectMany(expression => MetricName().Matches(expression).Select(match => match.Value)).Distinct().ToList();
        Assert.All(read, name => Assert.Contains(name, exposed));
    }

    [Fact]
    public async Task The_readme_shows_three_valid_promql_queries_over_exposed_metrics()
    {
        var queries = ReadmeQueries(await File.ReadAllTextAsync(RepositoryPaths.Readme));

        Assert.Equal(3, queries.Count);
        var check = await Promtool.CheckExpressionsAsync(queries);
        Assert.True(check.ExitCode == 0, check.Describe());
        var exposed = await ExposedSampleNamesAsync();
        Assert.All(queries.SelectMany(query => MetricName().Matches(query).Select(match => match.Value)), name => Assert.Contains(name, exposed));
    }

    /// <summary>The PromQL block of the README's "Operations" section: one query per line, <c>#</c> lines explain them.</summary>
    internal static List<string> ReadmeQueries(string readme)
    {
        var operations = readme[readme.IndexOf("\n## Operations", StringComparison.Ordinal)..];
        var block = Regex.Match(operations, "```promql\n(?<body>.*?)```", RegexOptions.Singleline).Groups["body"].Value;
        return [.. block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith('#'))];
    }

    private static async Task<HashSet<string>> ExposedSampleNamesAsync()
    {
        await using var app = new ChatApplication();
        var room = TestRooms.NewName("dash");
        await using var tab = await (await app.CreateUserAsync("d")).JoinAsync(room);
        await tab.Hub.SendMessageAsync(room, "so the histograms have a point");
        await tab.WaitForMessagesAsync(room, 1, TimeSpan.FromSeconds(10));
        var metrics = await Eventually.ReturnsAsync(
            () => MetricsScrape.ReadAsync(app.Server.BaseAddress, app.CreateClient()), m => m.Has("chat_delivery_lag_seconds_count"), TimeSpan.FromSeconds(10), "the delivery histogram");

        // "up" is Prometheus's own series for each target.
        return [.. metrics.Samples.Select(sample => sample.Name), "up"];
    }

    private static List<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        return
        [
            .. dashboard.RootElement.GetProperty("panels").EnumerateArray()
                .Where(panel => panel.TryGetProperty("targets", out _))
                .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
                .Select(target => target.GetProperty("expr").GetString()!),
        ];
    }

    /// <summary>A dashboard query with Grafana's variables replaced as Grafana would, so Prometheus's parser can read it.</summary>
    private static string Concrete(string expression) =>
        expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal);

    private static string DataSourceUid()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        var panel = dashboard.RootElement.GetProperty("panels").EnumerateArray().First(panel => panel.TryGetProperty("datasource", out _));
        return panel.GetProperty("datasource").GetProperty("uid").GetString()!;
    }

    private static async Task<string> ComposeConfigAsync()
    {
        var config = await ClusterConfigurationTests.ComposeAsync(RepositoryPaths.ComposeFile, "config");
        Assert.True(config.ExitCode == 0, config.Describe());
        return config.StandardOutput;
    }

    [GeneratedRegex(@"(?m)^\s+- (?<source>[^:\s]+):(?<target>/[^:\s]+)(:ro)?$")]
    private static partial Regex VolumeMount();

    [GeneratedRegex(@"- targets: \[""(?<address>[^""]+)""\]\s+labels:\s+instance: (?<instance>\S+)")]
    private static partial Regex ScrapeTarget();

    [GeneratedRegex(@"\b(chat|dotnet|up)(_[a-z]+)*\b(?=\s*[{\[)])")]
    private static partial Regex MetricName();
}
