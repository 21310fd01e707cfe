using System.Diagnostics;
using System.Net;
using ChatServer.Client;
using ChatServer.Delivery;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Delivery;

/// <summary>
/// SIGTERM drains an instance before it exits: not ready, no new connections, each connection told why it closes
/// (spread over the drain window), presence cleared at once. One real process each, in memory and Redis mode.
/// </summary>
public sealed class ShutdownDrainTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sigterm_turns_the_instance_not_ready_refuses_new_connections_and_closes_each_connection_with_a_reason()
    {
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string> { ["Chat__Shutdown__DrainSeconds"] = "6" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var room = TestRooms.NewName("drain");
        var clients = new List<(ChatClient Client, Task<(Exception? Error, TimeSpan At)> Closed)>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            var login = await new ChatApiClient(http).RegisterOrLoginAsync($"drain{i}-{Guid.NewGuid():N}"[..14], ChatApplication.Password);
            var client = TestClients.Create(server.BaseAddress, login.AccessToken);
            var closed = new TaskCompletionSource<(Exception?, TimeSpan)>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Closed += error => closed.TrySetResult((error, clock.Elapsed));
            await client.StartAsync();
            await client.JoinRoomAsync(room);
            clients.Add((client, closed.Task));
        }

        var sent = await clients[0].Client.SendMessageAsync(room, "before the drain");
        Assert.Equal("before the drain", sent.Text);
        var mark = server.Output.Length;
        var signalledAt = clock.Elapsed;

        server.Terminate();

        // Not ready at once (load balancers stop sending), though alive; a new connection is refused with 503.
        await Eventually.ReturnsAsync(async () => (await http.GetAsync("health/ready")).StatusCode, status => status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(3), "not ready");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        var newcomerLogin = await new ChatApiClient(http).RegisterOrLoginAsync($"late-{Guid.NewGuid():N}"[..12], ChatApplication.Password);
        await using (var newcomer = TestClients.Create(server.BaseAddress, newcomerLogin.AccessToken))
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => newcomer.StartAsync());
            Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        }

        // Every connection is closed with the reason the client shows, one after another over the window, not at once.
        var closes = await Task.WhenAll(clients.Select(client => client.Closed.WaitAsync(TimeSpan.FromSeconds(20))));
        Assert.All(closes, close => Assert.Contains(ConnectionRefusals.RestartingReason, close.Error?.Message ?? "(closed without an error)", StringComparison.Ordinal));
        var first = closes.Min(close => close.At);
        var last = closes.Max(close => close.At);
        Assert.True(first >= signalledAt);
        Assert.True(last - first >= TimeSpan.FromSeconds(2), $"closes at {string.Join(", ", closes.Select(close => close.At))}: all at once");

        Assert.Equal(0, await server.WaitForExitAsync(ExitTimeout));
        var log = server.Output[mark..];
        Assert.Contains("SIGTERM received: draining", log, StringComparison.Ordinal);
        Assert.Contains("Drain done: 3 connections closed", log, StringComparison.Ordinal);
        Assert.False(log.Contains(" ERR ", StringComparison.Ordinal), log);
        foreach (var (client, _) in clients) await client.DisposeAsync();
    }

    [Fact]
    public async Task A_drained_instance_leaves_presence_at_once_without_waiting_for_a_sweep()
    {
        await using var redis = await RedisServer.StartAsync();
        var draining = "drain-a-" + Guid.NewGuid().ToString("N")[..6];
        var settings = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.ConnectionString,
            ["Chat__Shutdown__DrainSeconds"] = "1",
            ["Chat__Presence__InstanceTimeoutSeconds"] = "60",   // a sweep would take a minute: anything sooner is the drain
        };
        await using var leaving = await ChatServerProcess.StartAsync(new Dictionary<string, string>(settings) { ["Chat__InstanceId"] = draining });
        await using var staying = await ChatServerProcess.StartAsync(new Dictionary<string, string>(settings) { ["Chat__InstanceId"] = "drain-b" });
        var room = TestRooms.NewName("drain-presence");

        using var http = new HttpClient { BaseAddress = leaving.BaseAddress };
        var alice = await new ChatApiClient(http).RegisterOrLoginAsync($"alice-{Guid.NewGuid():N}"[..14], ChatApplication.Password);
        await using var aliceClient = TestClients.Create(leaving.BaseAddress, alice.AccessToken);
        await aliceClient.StartAsync();
        await aliceClient.JoinRoomAsync(room);
        var (_, bob) = await TestClients.JoinAsNewUserAsync(staying.BaseAddress, "bob", room);
        await using var _ = bob;
        Assert.Contains(alice.UserName, (await bob.Hub.JoinRoomAsync(room)).Online);

        leaving.Terminate();

        await bob.WaitForAsync<HubEvent.Left>(left => left.Room == room && left.User == alice.UserName, TimeSpan.FromSeconds(15));
        Assert.Equal(0, await leaving.WaitForExitAsync(ExitTimeout));
        Assert.DoesNotContain(alice.UserName, (await bob.Hub.JoinRoomAsync(room)).Online);

        // Its lease and its record of connections are gone from Redis, not left for a survivor to sweep.
        Assert.Equal("$-1", await redis.SendRawAsync($"ZSCORE chat:presence:instances {draining}"));
        Assert.Equal("*0", await redis.SendRawAsync($"SMEMBERS chat:presence:instance:{draining}:connections"));
        Assert.DoesNotContain("could not release its presence lease", leaving.Output, StringComparison.Ordinal);
    }
}
