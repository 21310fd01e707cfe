using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Tests.Limits;

/// <summary>Sends from one client address share a budget, so more accounts do not buy more sends; across instances.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class AddressSendBudgetTests(RedisServerFixture redis)
{
    private static Dictionary<string, string?> Limits(int addressBurst) => new()
    {
        ["Chat:RateLimit:MessagesPerSecond"] = "0.01",
        ["Chat:RateLimit:Burst"] = "100",
        ["Chat:RateLimit:PerAddressMessagesPerSecond"] = "0.01",
        ["Chat:RateLimit:PerAddressBurst"] = $"{addressBurst}",
    };

    [Fact]
    public async Task Five_accounts_from_one_address_share_its_budget_while_another_address_sends()
    {
        await using var server = new LimitedServer(Limits(addressBurst: 10));
        var room = TestRooms.NewName();
        var tabs = new List<RecordedConnection>();
        for (var i = 0; i < 5; i++)
        {
            var (_, token) = await server.CreateUserAsync($"free{i}", "10.6.0.1");
            var tab = await server.ConnectAsync(token, "10.6.0.1");
            await tab.Hub.JoinRoomAsync(room);
            tabs.Add(tab);
        }

        var (_, otherToken) = await server.CreateUserAsync("other", "10.6.0.2");
        await using var other = await server.ConnectAsync(otherToken, "10.6.0.2");
        await other.Hub.JoinRoomAsync(room);
        try
        {
            var accepted = 0;
            for (var i = 0; i < 20; i++)
            {
                try
                {
                    await tabs[i % 5].Hub.SendMessageAsync(room, $"spam {i}");
                    accepted++;
                }
                catch (HubException exception)
                {
                    Assert.Contains("Rate limit exceeded; retry in", exception.Message, StringComparison.Ordinal);
                }
            }

            Assert.Equal(10, accepted);
            Assert.Equal("still here", (await other.Hub.SendMessageAsync(room, "still here")).Text);
        }
        finally
        {
            foreach (var tab in tabs) await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_draw_from_one_address_budget()
    {
        var settings = Limits(addressBurst: 4);
        settings["Redis:Configuration"] = redis.Server.ConnectionString;
        settings["Chat:Redis:KeyPrefix"] = $"send-{Guid.NewGuid():N}"[..20];
        await using var first = new LimitedServer(settings);
        await using var second = new LimitedServer(settings);
        var room = TestRooms.NewName();
        var (_, a) = await first.CreateUserAsync("a", "10.7.0.1");
        var (_, b) = await second.CreateUserAsync("b", "10.7.0.1");
        await using var tabA = await first.ConnectAsync(a, "10.7.0.1");
        await using var tabB = await second.ConnectAsync(b, "10.7.0.1");
        await tabA.Hub.JoinRoomAsync(room);
        await tabB.Hub.JoinRoomAsync(room);

        await tabA.Hub.SendMessageAsync(room, "1");
        await tabB.Hub.SendMessageAsync(room, "2");
        await tabA.Hub.SendMessageAsync(room, "3");
        await tabB.Hub.SendMessageAsync(room, "4");

        await Assert.ThrowsAsync<HubException>(() => tabA.Hub.SendMessageAsync(room, "5"));
        await Assert.ThrowsAsync<HubException>(() => tabB.Hub.SendMessageAsync(room, "6"));
    }
}
