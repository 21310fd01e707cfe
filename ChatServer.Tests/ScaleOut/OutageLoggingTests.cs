using System.Net;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Tests.ScaleOut;

/// <summary>An operator reads one line when a Redis outage begins and one when it ends, not a line per failure.</summary>
public sealed class OutageLoggingTests
{
    [Fact]
    public async Task A_redis_outage_under_traffic_and_probes_logs_one_warning_and_one_line_when_it_ends()
    {
        // Durable, as in production: a Redis that restarts empty is a second event, logged as a warning of its own.
        await using var redis = await RedisServer.StartAsync(new RedisServerSettings(Durable: true));
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.ConnectionString,
            ["Chat__Presence__InstanceTimeoutSeconds"] = "2",   // lease ticks every half second, each failing meanwhile
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var bob = await new ChatApiClient(http).RegisterOrLoginAsync("bob-" + Guid.NewGuid().ToString("N")[..8], ChatApplication.Password);
        await using var tab = TestClients.Create(server.BaseAddress, bob.AccessToken);
        await tab.StartAsync();
        var room = TestRooms.NewName("outage");
        await tab.JoinRoomAsync(room);
        await tab.SendMessageAsync(room, "before");
        var mark = server.Output.Length;
        Assert.Equal(0, (await MetricsScrape.ReadAsync(server.BaseAddress)).Sum("chat_redis_errors_total"));

        await redis.KillAsync();

        // Five seconds of what clients and a load balancer do meanwhile: sends (refused) and readiness probes (503).
        var outage = System.Diagnostics.Stopwatch.StartNew();
        var probes = 0;
        while (outage.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Assert.ThrowsAsync<HubException>(() => tab.SendMessageAsync(room, "during"));
            using var ready = await http.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            probes++;
            await Task.Delay(200);
        }

        await redis.RestartAsync();
        await Eventually.ReturnsAsync(async () => (await http.GetAsync("health/ready")).StatusCode, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready again");
        await tab.SendMessageAsync(room, "after");
        await Eventually.TrueAsync(() => server.Output[mark..].Contains("Redis outage ended after", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(10));

        var lines = server.Output[mark..].Split('\n');
        var warnings = lines.Where(line => line.Contains(" WRN ", StringComparison.Ordinal) || line.Contains(" ERR ", StringComparison.Ordinal)).ToList();
        Assert.True(probes > 0);
        Assert.Single(warnings, line => line.Contains("Redis outage began", StringComparison.Ordinal));
        Assert.True(warnings.Count == 1, string.Join("\n", warnings));
        Assert.Single(lines, line => line.Contains("Redis outage ended after", StringComparison.Ordinal));

        // Every refused send failed on a Redis call, counted by kind; the background loops' failures add to it.
        var metrics = await MetricsScrape.ReadAsync(server.BaseAddress);
        Assert.True(metrics.Sum("chat_redis_errors_total") >= probes, $"{metrics.Sum("chat_redis_errors_total")} errors counted for {probes} refused sends");
        Assert.Equal(metrics.Sum("chat_redis_errors_total"), metrics.Sum("chat_redis_errors_total", ("kind", "connection")) + metrics.Sum("chat_redis_errors_total", ("kind", "timeout")) + metrics.Sum("chat_redis_errors_total", ("kind", "loading")));
    }
}
