using System.Net;
using ChatServer.Client;
using ChatServer.LoadTest.ServerMetrics;
using ChatServer.Metrics;
using ChatServer.Tests.Cluster;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Metrics;

/// <summary>
/// What <c>/metrics</c> of a real server process (Kestrel, every built-in meter) looks like to Prometheus: the issue's
/// names and types, the framework's meters, no user or room label anywhere, and an exposition Prometheus's own parser
/// (promtool) accepts as well as the strict one.
/// </summary>
public sealed class MetricsExpositionTests
{
    /// <summary>The project's metrics by their Prometheus names, with their types.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChatFamilies = new Dictionary<string, string>
    {
        ["chat_connections"] = "gauge",
        ["chat_room_members"] = "gauge",
        ["chat_messages_stored_total"] = "counter",
        ["chat_messages_delivered_total"] = "counter",
        ["chat_send_duration_seconds"] = "histogram",
        ["chat_delivery_lag_seconds"] = "histogram",
        ["chat_backplane_replayed_messages_total"] = "counter",
        ["chat_slow_consumer_disconnects_total"] = "counter",
        ["chat_rate_limited_total"] = "counter",
        ["chat_redis_errors_total"] = "counter",
        ["chat_presence_swept_connections_total"] = "counter",
    };

    /// <summary>The labels a chat series may carry: bounded sets only, never a user, room or instance.</summary>
    private static readonly HashSet<string> AllowedChatLabels = ["otel_scope_name", "otel_scope_version", "transport", "protocol", "outcome", "kind", "le"];

    [Fact]
    public async Task A_server_process_exposes_the_chat_metrics_the_built_in_meters_and_its_instance_id_only_as_a_resource()
    {
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string> { ["Chat__InstanceId"] = "metrics-probe" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await new ChatApiClient(http).RegisterOrLoginAsync($"p-{Guid.NewGuid():N}"[..20], ChatApplication.Password);
        await using (var tab = new RecordedConnection(TestClients.Create(server.BaseAddress, login.AccessToken)))
        {
            await tab.Hub.StartAsync();
            var room = TestRooms.NewName("exposed");
            await tab.Hub.JoinRoomAsync(room);
            await tab.Hub.SendMessageAsync(room, "so the histograms have a point");
            await tab.WaitForMessagesAsync(room, 1, TimeSpan.FromSeconds(10));
        }

        var text = await http.GetStringAsync("metrics");
        var metrics = PrometheusTextParser.Parse(text);

        foreach (var (name, type) in ChatFamilies)
        {
            Assert.True(metrics.Families.TryGetValue(name, out var family), $"{name} is missing");
            Assert.Equal(type, family.Type);
            Assert.False(string.IsNullOrWhiteSpace(family.Help), $"{name} has no HELP");
        }

        Assert.Empty(metrics.Families.Keys.Where(name => name.StartsWith("chat_", StringComparison.Ordinal)).Except(ChatFamilies.Keys));
        Assert.All(
            metrics.Samples.Where(sample => sample.Name.StartsWith("chat_", StringComparison.Ordinal)),
            sample => Assert.Subset(AllowedChatLabels, sample.Labels.Keys.ToHashSet()));

        // Histograms in seconds, with the chat latency buckets.
        var bounds = metrics.Histogram("chat_send_duration_seconds").Buckets.Select(bucket => bucket.UpperBound);
        Assert.Equal([.. ChatMetrics.LatencyBuckets, double.PositiveInfinity], bounds);

        // ASP.NET Core hosting, Kestrel, SignalR's connections and the runtime (CPU, memory).
        foreach (var name in new[] { "http_server_request_duration_seconds", "kestrel_active_connections", "signalr_server_active_connections", "dotnet_process_cpu_time_seconds_total", "dotnet_process_memory_working_set_bytes" })
        {
            Assert.True(metrics.Families.ContainsKey(name), $"{name} is missing");
        }

        var target = Assert.Single(metrics.Families["target_info"].Samples);
        Assert.Equal("metrics-probe", target.Labels["service_instance_id"]);
        Assert.Equal("chatserver", target.Labels["service_name"]);
        Assert.DoesNotContain(metrics.Samples, sample => sample.Name != "target_info" && sample.Labels.Values.Contains("metrics-probe"));

        // Prometheus's own parser: promtool exits 1 on a parse error and 3 when it only has naming advice, which it gives
        // about the runtime's own names (dotnet_process_cpu_count ends in _count), never about ours.
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, text);
            var lint = await ProcessRunner.RunAsync("/bin/sh", ["-c", $"promtool check metrics < '{file}'"], AppContext.BaseDirectory, TimeSpan.FromSeconds(30));
            Assert.True(lint.ExitCode is 0 or 3, lint.Describe());
            Assert.DoesNotContain("chat_", lint.StandardOutput + lint.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_request_that_came_through_a_proxy_gets_the_404_of_a_missing_path()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/metrics")).StatusCode);

        foreach (var header in new[] { "X-Forwarded-For", "Forwarded", "X-Real-IP" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.TryAddWithoutValidation(header, header == "Forwarded" ? "for=203.0.113.7" : "203.0.113.7");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("chat_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Switched_off_there_is_no_endpoint_and_the_server_works_as_before()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });
        using var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
        var room = TestRooms.NewName("off");
        await using var tab = await (await app.CreateUserAsync("o")).JoinAsync(room);
        await tab.Hub.SendMessageAsync(room, "still chatting");
        await tab.WaitForMessagesAsync(room, 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_allowed_network_that_is_not_cidr_stops_start_up_naming_the_setting()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.0.0.0/33" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Metrics:AllowedNetworks", error.ToString(), StringComparison.Ordinal);
    }
}
