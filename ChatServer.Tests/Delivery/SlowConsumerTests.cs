using System.Diagnostics;
using ChatServer.Client;
using ChatServer.Delivery;
using ChatServer.Tests.Browser;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.Metrics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Delivery;

/// <summary>
/// A member whose socket stops reading (a frozen tab, a phone in a tunnel) while 3,000 messages of 4 KB each go
/// through its room, on real Kestrel sockets: every other member gets them all, in order, as fast as without it, and
/// typing still reaches them at once;
/// the stuck one is closed with a reason the official clients surface; once it reads again and resumes from its
/// last id it has every message exactly once.
/// </summary>
public sealed class SlowConsumerTests
{
    private const int MessageCount = 3000;
    private const int SendersInFlight = 8;

    [Fact]
    public Task In_memory_mode_a_stuck_member_is_closed_and_slows_nobody() => RunAsync(redis: null);

    [Fact]
    public async Task Redis_mode_a_stuck_member_on_one_of_two_instances_is_closed_and_slows_nobody()
    {
        await using var redis = await RedisServer.StartAsync();
        await RunAsync(redis);
    }

    private static async Task RunAsync(RedisServer? redis)
    {
        var prefix = $"s{Guid.NewGuid():N}"[..12];
        var settings = new Dictionary<string, string?>
        {
            ["Chat:RateLimit:MessagesPerSecond"] = "100000",
            ["Chat:RateLimit:Burst"] = "100000",
            // Long enough that, were anyone waiting on the stuck member, the wait would dwarf every figure below.
            ["Chat:Delivery:SlowConnectionCloseTimeoutSeconds"] = "120",
        };
        if (redis is not null)
        {
            settings["Redis:Configuration"] = redis.ConnectionString;
            settings["Chat:Redis:KeyPrefix"] = prefix;
            settings["Backplane:ChannelPrefix"] = prefix;
        }

        var hosts = Enumerable.Range(1, redis is null ? 1 : 2)
            .Select(i => new KestrelChatApplication(new Dictionary<string, string?>(settings) { ["Chat:InstanceId"] = $"{prefix}-{i}" }))
            .ToList();
        try
        {
            var addresses = hosts.Select(host => host.Start()).ToList();
            var (first, last) = (addresses[0], addresses[^1]);
            var sender = await ConnectAsync(last, "sender");
            var nearby = await ConnectAsync(first, "nearby");   // on the stuck member's instance
            var remote = await ConnectAsync(last, "remote");    // on the other one (the same one in memory mode)
            var stuckToken = await LoginAsync(first, "stuck");
            RecordedConnection[] members = [nearby, remote, sender];

            // Without a stuck member first, for the time it takes.
            var calm = TestRooms.NewName("calm");
            foreach (var member in members) await member.Hub.JoinRoomAsync(calm);
            var calmTime = await SendAllAsync(sender, calm, members);

            var busy = TestRooms.NewName("busy");
            foreach (var member in members) await member.Hub.JoinRoomAsync(busy);
            await using var stuck = await RawHubSocket.ConnectAsync(first, stuckToken);
            await stuck.JoinAsync(busy);
            using var stopPinging = new CancellationTokenSource();
            var pinging = PingUntilCancelledAsync(stuck, stopPinging.Token);

            var busyTime = await SendAllAsync(sender, busy, members);
            Assert.True(busyTime < (calmTime * 3) + TimeSpan.FromSeconds(10), $"with a stuck member {busyTime}, without {calmTime}");
            var delivery = hosts[0].Services.GetRequiredService<RoomDelivery>();
            Assert.Equal(1, delivery.SlowConnectionsClosed);
            Assert.Equal(1, (await MetricsScrape.ReadAsync(first)).Sum("chat_slow_consumer_disconnects_total"));
            if (hosts.Count > 1) Assert.Equal(0, (await MetricsScrape.ReadAsync(last)).Sum("chat_slow_consumer_disconnects_total"));

            var history = await HistoryIdsAsync(nearby.Hub, busy);
            Assert.Equal(MessageCount, history.Count);
            foreach (var member in members)
            {
                Assert.Equal(history, member.Seen.OfType<HubEvent.Message>().Select(m => m.Value).Where(m => m.Room == busy).Select(m => m.Id));
            }

            // Typing goes the same way: the sender's calls return and the others hear it at once, stuck member or not.
            await sender.Hub.StartTypingAsync(busy).WaitAsync(TimeSpan.FromSeconds(30));
            await sender.Hub.SendMessageAsync(busy, "typing ends with a message").WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var member in new[] { nearby, remote })
            {
                await member.WaitForAsync<HubEvent.Typing>(e => e.Room == busy && !e.IsTyping, TimeSpan.FromSeconds(30));
                Assert.Contains(member.Seen, e => e is HubEvent.Typing { IsTyping: true } typing && typing.Room == busy);
            }

            history = await HistoryIdsAsync(nearby.Hub, busy);

            // It reads again: what reached it is a gap-free start of the room, then the reason it was closed.
            await stopPinging.CancelAsync();
            await pinging;
            var (received, closeError, allowReconnect) = await stuck.ReadUntilClosedAsync(busy);
            Assert.Equal(ConnectionOutbox.TooSlowError, closeError);
            Assert.True(allowReconnect);
            Assert.True(received.Count < MessageCount, "it cannot have read everything while stuck");
            Assert.Equal(history.Take(received.Count), received);

            // And resumes from its last id, as the page and the official clients do.
            await using var resumed = TestClients.Create(first, stuckToken);
            await resumed.StartAsync();
            var all = new List<string>(received);
            RoomSnapshot snapshot;
            do
            {
                snapshot = await resumed.JoinRoomAsync(busy, all.Count == 0 ? null : all[^1]);
                all.AddRange(snapshot.Messages.Select(m => m.Id));
            }
            while (snapshot.HasMore);

            Assert.Equal(history, all);
            foreach (var member in members) await member.DisposeAsync();
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    /// <summary>Sends <see cref="MessageCount"/> messages of 4 KB, some in flight at once; returns when every member has them all.</summary>
    private static async Task<TimeSpan> SendAllAsync(RecordedConnection sender, string room, IEnumerable<RecordedConnection> members)
    {
        var padding = new string('x', 3990);
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SendersInFlight).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i <= MessageCount; i = Interlocked.Increment(ref next))
            {
                await sender.Hub.SendMessageAsync(room, $"{i:D5}{padding}");
            }
        })));
        foreach (var member in members)
        {
            await member.WaitForMessagesAsync(room, MessageCount, timeout: TimeSpan.FromSeconds(60));
        }

        return clock.Elapsed;
    }

    private static async Task PingUntilCancelledAsync(RawHubSocket socket, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) await socket.PingAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Reading again: the pings stop.
        }
    }

    private static async Task<List<string>> HistoryIdsAsync(ChatClient hub, string room)
    {
        var ids = new List<string>();
        for (string? before = null; ;)
        {
            var page = await hub.GetHistoryAsync(room, before, limit: 100);
            ids.InsertRange(0, page.Messages.Select(m => m.Id));
            if (!page.HasMore) return ids;
            before = page.Messages[0].Id;
        }
    }

    private static async Task<string> LoginAsync(Uri address, string prefix)
    {
        using var http = new HttpClient { BaseAddress = address };
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        return (await new ChatApiClient(http).RegisterOrLoginAsync(name, "correct-horse-battery")).AccessToken;
    }

    private static async Task<RecordedConnection> ConnectAsync(Uri address, string prefix)
    {
        var token = await LoginAsync(address, prefix);
        var tab = new RecordedConnection(TestClients.Create(address, token));
        await tab.Hub.StartAsync();
        return tab;
    }
}
