using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatServer.Tests.ScaleOut;

[Collection(RedisServerCollection.Name)]
public sealed class AbruptStopTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Users_of_a_killed_instance_leave_within_the_window_and_what_it_acknowledged_is_kept()
    {
        await using var cluster = RedisCluster.Start(redis, 1, new Dictionary<string, string?> { ["Chat:Presence:InstanceTimeoutSeconds"] = "3" });
        var options = cluster[0].Services.GetRequiredService<IOptions<ChatServer.Chat.Redis.ChatRedisOptions>>().Value;
        await using var doomed = await ChatServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.Server.ConnectionString,
            ["Chat__InstanceId"] = options.KeyPrefix + "-doomed",
            ["Chat__Redis__KeyPrefix"] = options.KeyPrefix,
            ["Backplane__ChannelPrefix"] = options.KeyPrefix,
            ["Chat__Presence__InstanceTimeoutSeconds"] = "3",
        });
        var room = "crash-" + Guid.NewGuid().ToString("N")[..8];
        var alice = await cluster[0].CreateUserAsync("alice");
        await using var watcher = await alice.ConnectAsync();
        await watcher.Hub.JoinRoomAsync(room);

        var bob = await new ChatApiClient(new HttpClient { BaseAddress = doomed.BaseAddress }).RegisterOrLoginAsync("bob-" + Guid.NewGuid().ToString("N")[..8], ChatApplication.Password);
        await using var bobTab = TestClients.Create(doomed.BaseAddress, bob.AccessToken);
        await bobTab.StartAsync();
        Assert.EndsWith("-doomed", (await bobTab.GetServerInfoAsync()).InstanceId, StringComparison.Ordinal);
        await bobTab.JoinRoomAsync(room);
        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            acknowledged.Add((await bobTab.SendMessageAsync(room, $"before the crash {i}")).Id);
        }

        await watcher.WaitForAsync<HubEvent.Joined>(e => e.User == bob.UserName);
        await doomed.KillAsync();

        // The window is 3 s; the bound allows generous slack for a busy machine.
        Assert.Equal(new HubEvent.Left(room, bob.UserName), await watcher.WaitForAsync<HubEvent.Left>(timeout: TimeSpan.FromSeconds(3 + 5)));
        var snapshot = await watcher.Hub.JoinRoomAsync(room, "0-0");
        Assert.DoesNotContain(bob.UserName, snapshot.Online);
        Assert.Equal(acknowledged, snapshot.Messages.Select(m => m.Id));
    }
}
