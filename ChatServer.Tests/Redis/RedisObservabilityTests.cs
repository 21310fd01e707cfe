using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatServer.Tests.Redis;

public sealed class RedisObservabilityTests
{
    [Fact]
    public async Task Metrics_count_commands_errors_reconnects_and_in_flight_depth_and_health_follows_state()
    {
        await using var server = await RedisServer.StartAsync();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();

        // Only this test's meter (scoped to its own factory), so parallel tests don't disturb the counts.
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var name = instrument.Name;
            foreach (var tag in tags) name += $"|{tag.Key}={tag.Value}";
            totals.AddOrUpdate(name, value, (_, current) => current + value);
        });
        listener.Start();

        var options = RedisOptions.Parse(server.ConnectionString);
        options.ReconnectMinDelay = TimeSpan.FromMilliseconds(20);
        options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        await using var client = new RedisConnection(options, null, meterFactory);
        var health = new RedisHealthCheck(client);
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(null!)).Status);
        await client.ConnectAsync();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(null!)).Status);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.SetAsync($"m:{i}", i)));
        await Assert.ThrowsAsync<RedisServerException>(() => client.ExecuteAsync("NOSUCHCOMMAND"));

        await server.KillAsync();
        await Eventually.TrueAsync(() => client.State == RedisConnectionState.Reconnecting);
        var down = await health.CheckHealthAsync(null!);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.IsType<RedisConnectionException>(down.Exception);

        await server.RestartAsync();
        await Eventually.TrueAsync(() => client.IsConnected);
        Assert.Equal("PONG", (await client.ExecuteAsync("PING")).ToString());

        listener.RecordObservableInstruments();
        Assert.True(totals.GetValueOrDefault("redis.client.commands") >= 12);
        Assert.Equal(1, totals.GetValueOrDefault("redis.client.errors|error.type=server"));
        Assert.Equal(2, totals.GetValueOrDefault("redis.client.reconnects")); // command and subscriber sockets
        await Eventually.TrueAsync(() => totals.GetValueOrDefault("redis.client.inflight") == 0, because: "every started command finished");
    }
}
