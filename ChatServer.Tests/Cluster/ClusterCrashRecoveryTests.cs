using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChatServer.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// Issue 5 end to end: an instance is killed (SIGKILL) while its clients chat. They reconnect through nginx to the
/// survivors, resume with JoinRoom(room, lastSeenId), retry failed sends with the same clientMessageId, and end up
/// with every acknowledged message exactly once, in history order; the survivors drop the dead instance's users
/// that did not come back within the presence timeout.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterCrashRecoveryTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int ClientCount = 18;
    private const int MessagesPerClient = 12; // within the rate limit burst (20), so sends back to back are in flight when the kill lands
    private const int SilentCount = 2;
    private const int PresenceTimeoutSeconds = 4;
    private const string Victim = "chat-3";
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(10);

    // The presence sweep runs every timeout; a user can be seen leaving up to about twice the timeout after the kill.
    private static readonly TimeSpan PresenceDeadline = TimeSpan.FromSeconds(PresenceTimeoutSeconds * 3);

    private static readonly TimeSpan[] ReconnectDelays =
        [TimeSpan.Zero, .. Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 40)];

    [Fact]
    public async Task Clients_of_a_killed_instance_resume_on_survivors_with_every_acknowledged_message_once_and_its_silent_users_leave()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var members = new List<Member>();
        var silent = new List<ChatClient>();
        try
        {
            // A cluster whose presence leases expire sooner, so the test stays short.
            await ClusterScript.DownAsync(timeout.Token);
            await ClusterScript.UpAsync(
                ClusterFixture.InstanceCount,
                timeout.Token,
                new Dictionary<string, string>(ClusterFixture.Environment) { ["Chat__Presence__InstanceTimeoutSeconds"] = PresenceTimeoutSeconds.ToString(CultureInfo.InvariantCulture) });

            var prefix = ClusterFixture.UniqueName("cr")[..10];
            var room = $"{prefix}-room";
            for (var i = 0; i < ClientCount; i++)
            {
                var user = $"{prefix}_m{i}";
                var member = new Member(user, room, ClusterFixture.CreateHubConnection(await cluster.GetAccessTokenAsync(user, timeout.Token), ReconnectDelays));
                members.Add(member);
                await member.Connection.StartAsync(timeout.Token);
                member.InstanceBefore = (await member.Connection.GetServerInfoAsync(timeout.Token)).InstanceId;
                await member.JoinAsync(timeout.Token);
            }

            // Users without automatic reconnect on the victim: once it dies, only the presence sweep removes them.
            var silentUsers = new List<string>();
            for (var attempt = 0; silentUsers.Count < SilentCount && attempt < 30; attempt++)
            {
                var user = $"{prefix}_s{attempt}";
                var connection = ClusterFixture.CreateHubConnection(await cluster.GetAccessTokenAsync(user, timeout.Token));
                silent.Add(connection);
                await connection.StartAsync(timeout.Token);
                if ((await connection.GetServerInfoAsync(timeout.Token)).InstanceId == Victim)
                {
                    await connection.JoinRoomAsync(room, cancellationToken: timeout.Token);
                    silentUsers.Add(user);
                }
            }

            Assert.Equal(SilentCount, silentUsers.Count);
            var orphans = members.Where(member => member.InstanceBefore == Victim).ToList();
            var observer = members.First(member => member.InstanceBefore != Victim);
            Assert.NotEmpty(orphans);
            var left = new ConcurrentQueue<string>();
            observer.Connection.UserLeft += (leftRoom, user) =>
            {
                if (leftRoom == room)
                {
                    left.Enqueue(user);
                }
            };

            // Traffic from every member; the victim dies once a third of it was acknowledged.
            var sending = members.Select(member => member.SendAllAsync(MessagesPerClient, timeout.Token)).ToList();
            var deadline = Stopwatch.StartNew();
            while (members.Sum(member => member.Acknowledged.Count) < ClientCount * MessagesPerClient / 3)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "traffic did not start");
                await Task.Delay(20, timeout.Token);
            }

            using (var victim = Process.GetProcessById(ClusterScript.ReadPid(Victim)))
            {
                victim.Kill(); // SIGKILL: no graceful close, as when a machine dies
                await victim.WaitForExitAsync(timeout.Token);
            }

            var killedAt = Stopwatch.StartNew();
            using (var reconnect = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
            {
                reconnect.CancelAfter(ReconnectDeadline);
                await Task.WhenAll(orphans.Select(member => member.Rejoined.Task.WaitAsync(reconnect.Token)));
            }

            output.WriteLine($"{orphans.Count} orphans rejoined {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
            foreach (var member in orphans)
            {
                var now = (await member.Connection.GetServerInfoAsync(timeout.Token)).InstanceId;
                Assert.NotEqual(Victim, now);
                Assert.Contains(now, ClusterFixture.InstanceIds);
            }

            await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(60), timeout.Token);
            output.WriteLine($"sends retried after a failure: {members.Sum(member => member.Retries)}");

            // Presence on the survivors: the silent users left (event and snapshot), the reconnected ones are online.
            while (!silentUsers.All(user => left.Contains(user)))
            {
                Assert.True(killedAt.Elapsed < PresenceDeadline, $"UserLeft seen for [{string.Join(",", left)}], expected {string.Join(",", silentUsers)}");
                await Task.Delay(100, timeout.Token);
            }

            output.WriteLine($"silent users seen leaving {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
            var snapshot = await observer.Connection.JoinRoomAsync(room, cancellationToken: timeout.Token);
            Assert.All(silentUsers, user => Assert.DoesNotContain(user, snapshot.Online, StringComparer.OrdinalIgnoreCase));
            Assert.All(members, member => Assert.Contains(member.User, snapshot.Online, StringComparer.OrdinalIgnoreCase));

            // Every send was acknowledged in the end (retried with the same clientMessageId), and stored once.
            var history = await observer.Connection.JoinRoomAsync(room, "0-0", timeout.Token);
            Assert.False(history.HasMore);
            var expected = members.SelectMany(member => Enumerable.Range(0, MessagesPerClient).Select(k => member.ClientMessageId(k))).Order(StringComparer.Ordinal);
            Assert.Equal(expected, history.Messages.Select(message => message.ClientMessageId!).Order(StringComparer.Ordinal));
            var historyIds = history.Messages.Select(message => message.Id).ToList();
            var acknowledged = members.SelectMany(member => member.Acknowledged).ToList();
            Assert.Equal(ClientCount * MessagesPerClient, acknowledged.Count);
            Assert.Equal(historyIds.Order(StringComparer.Ordinal), acknowledged.Select(message => message.Id).Order(StringComparer.Ordinal));

            // Each member's view (live messages plus what the resuming JoinRoom returned) is the history, once each.
            foreach (var member in members)
            {
                var view = member.View();
                while (view.Count < historyIds.Count && killedAt.Elapsed < TimeSpan.FromSeconds(40))
                {
                    await Task.Delay(50, timeout.Token);
                    view = member.View();
                }

                Assert.True(historyIds.SequenceEqual(view), $"{member.User} (was on {member.InstanceBefore}) has [{string.Join(",", view)}], history is [{string.Join(",", historyIds)}]");
                Assert.Equal(member.LiveIds.Count, member.LiveIds.Distinct(StringComparer.Ordinal).Count());
            }
        }
        finally
        {
            await Task.WhenAll(members.Select(member => member.Connection.DisposeAsync().AsTask()).Concat(silent.Select(connection => connection.DisposeAsync().AsTask())));

            // Back to the fixture's cluster (default settings) even if this test failed or timed out.
            using var restart = new CancellationTokenSource(ClusterScript.UpTimeout + ClusterScript.QuickTimeout);
            await ClusterFixture.RestartAsync(restart.Token);
        }
    }
}
