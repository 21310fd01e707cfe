using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChatServer.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterFailoverTests(ClusterFixture cluster)
{
    private const int ClientCount = 30;
    private const string Victim = "chat-2";
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan[] ReconnectDelays =
        [TimeSpan.Zero, .. Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 40)];

    [Fact]
    public async Task When_an_instance_is_killed_its_clients_reconnect_to_survivors_and_nginx_stops_routing_to_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("failover"), timeout.Token);
        var clients = Enumerable.Range(0, ClientCount).Select(_ => new Client(ClusterFixture.CreateHubConnection(token, ReconnectDelays))).ToList();
        try
        {
            await Task.WhenAll(clients.Select(client => client.Connection.StartAsync(timeout.Token)));
            foreach (var client in clients)
            {
                client.InstanceBefore = (await client.Connection.GetServerInfoAsync(timeout.Token)).InstanceId;
            }

            var orphans = clients.Where(client => client.InstanceBefore == Victim).ToList();
            var others = clients.Except(orphans).ToList();
            Assert.NotEmpty(orphans);

            using (var victim = Process.GetProcessById(ClusterScript.ReadPid(Victim)))
            {
                victim.Kill(); // SIGKILL: no graceful close, as when a machine dies
                await victim.WaitForExitAsync(timeout.Token);
            }

            // Every orphan reconnects (through nginx, which must skip the dead instance) within the deadline.
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
            {
                deadline.CancelAfter(ReconnectDeadline);
                await Task.WhenAll(orphans.Select(client => client.Reconnected.Task.WaitAsync(deadline.Token)));
            }

            foreach (var client in orphans)
            {
                var now = (await client.Connection.GetServerInfoAsync(timeout.Token)).InstanceId;
                Assert.NotEqual(Victim, now);
                Assert.Contains(now, ClusterFixture.InstanceIds);
            }

            // The survivors' clients never noticed.
            foreach (var client in others)
            {
                Assert.Equal(HubConnectionState.Connected, client.Connection.State);
                Assert.Equal(client.InstanceBefore, (await client.Connection.GetServerInfoAsync(timeout.Token)).InstanceId);
            }

            await AssertNginxRoutesOnlyToSurvivorsAsync(token, timeout.Token);
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.Connection.DisposeAsync().AsTask()));

            // Its own time limit: the other tests of the collection need three instances even if this one timed out.
            using var restart = new CancellationTokenSource(ClusterScript.UpTimeout + ClusterScript.QuickTimeout);
            await ClusterFixture.RestartAsync(restart.Token);
        }
    }

    private async Task AssertNginxRoutesOnlyToSurvivorsAsync(string token, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 12; i++)
        {
            var server = await ClusterFixture.GetServerInfoAsync(cluster.Http, token, cancellationToken);
            Assert.NotEqual(Victim, server?.InstanceId);
        }

        // A browser whose cookie still names the dead instance negotiates with a live one, which renames it.
        using (var negotiate = await ClusterTransportTests.NegotiateAsync(token, Victim, cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
            Assert.Matches("^chat_instance=chat-[13];", Assert.Single(negotiate.Headers.GetValues("Set-Cookie")));
        }

        var fresh = Enumerable.Range(0, 6).Select(_ => ClusterFixture.CreateHubConnection(token)).ToList();
        try
        {
            await Task.WhenAll(fresh.Select(connection => connection.StartAsync(cancellationToken)));
            foreach (var connection in fresh)
            {
                Assert.NotEqual(Victim, (await connection.GetServerInfoAsync(cancellationToken)).InstanceId);
            }
        }
        finally
        {
            await Task.WhenAll(fresh.Select(connection => connection.DisposeAsync().AsTask()));
        }
    }

    private sealed class Client
    {
        public Client(ChatClient connection)
        {
            Connection = connection;
            connection.Reconnected += () => Reconnected.TrySetResult();
        }

        public ChatClient Connection { get; }

        public TaskCompletionSource Reconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? InstanceBefore { get; set; }
    }
}
