using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.ScaleOut;

/// <summary>A client that connects while Redis is away is told why it cannot stay, and the operator reads it once.</summary>
public sealed class OutageConnectionTests
{
    [Fact]
    public async Task A_connection_opened_during_a_redis_outage_is_closed_with_a_reason_and_logged_once()
    {
        await using var redis = await RedisServer.StartAsync(new RedisServerSettings(Durable: true));
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.ConnectionString + ",connectTimeout=1000,asyncTimeout=2000",
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var bob = await new ChatApiClient(http).RegisterOrLoginAsync("bob-" + Guid.NewGuid().ToString("N")[..8], ChatApplication.Password);

        // A connection made before the outage: the account check is then fresh (cached), so new connections during
        // the outage pass authentication and reach the hub, which is where they used to end with a bare 1011.
        await using var before = TestClients.Create(server.BaseAddress, bob.AccessToken);
        await before.StartAsync();
        // A call is answered only after the hub's OnConnectedAsync, so this connection is recorded before Redis goes.
        await before.ListRoomsAsync();

        await redis.KillAsync();
        var mark = server.Output.Length;

        // Two clients at once during one outage: each sees the reason, the log has it once.
        var reasons = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => ConnectAndReadCloseReasonAsync(server.BaseAddress, bob.AccessToken)));

        Assert.All(reasons, reason => Assert.Contains(ChatServer.Delivery.ConnectionRefusals.UnavailableReason, reason, StringComparison.Ordinal));
        await Eventually.TrueAsync(() => server.Output[mark..].Contains("refused", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(5));
        var lines = server.Output[mark..].Split('\n');
        Assert.Single(lines, line => line.Contains("Hub connections refused while chat storage is unavailable", StringComparison.Ordinal));
        var errors = lines.Where(line => line.Contains(" ERR ", StringComparison.Ordinal) || line.Contains(" FTL ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "Logged as errors:\n" + string.Join('\n', errors) + "\n\nThe output since the outage:\n" + server.Output[mark..]);

        // After the outage a new connection is taken again.
        await redis.RestartAsync();
        await Eventually.ReturnsAsync(async () => (await http.GetAsync("health/ready")).StatusCode, status => status == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready again");
        await using var after = TestClients.Create(server.BaseAddress, bob.AccessToken);
        await after.StartAsync();
        var room = TestRooms.NewName("after");
        await after.JoinRoomAsync(room);
        Assert.Equal("back", (await after.SendMessageAsync(room, "back")).Text);
    }

    private static async Task<string> ConnectAndReadCloseReasonAsync(Uri serverUri, string accessToken)
    {
        await using var client = TestClients.Create(serverUri, accessToken);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Closed += error => closed.TrySetResult(error);
        await client.StartAsync();
        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(error);
        return error.Message;
    }
}
