using ChatServer.Client;

namespace ChatServer.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterDistributionTests(ClusterFixture cluster)
{
    private const int ClientCount = 60;

    [Fact]
    public async Task Sixty_clients_from_one_address_spread_over_every_instance_with_a_fair_share_each()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var token = await cluster.GetAccessTokenAsync(ClusterFixture.UniqueName("spread"), timeout.Token);
        var connections = Enumerable.Range(0, ClientCount).Select(_ => ClusterFixture.CreateHubConnection(token)).ToList();
        try
        {
            await Task.WhenAll(connections.Select(connection => connection.StartAsync(timeout.Token)));
            var servers = await Task.WhenAll(connections.Select(connection => connection.GetServerInfoAsync(timeout.Token)));

            var perInstance = servers.GroupBy(server => server.InstanceId).ToDictionary(group => group.Key, group => group.Count());
            Assert.Equal(ClusterFixture.InstanceIds, perInstance.Keys.Order(StringComparer.Ordinal));

            // Every client comes from 127.0.0.1 (ip_hash would put all 60 on one instance); least_conn gives each
            // about 20. At least half of that is a fair share.
            const int fairShare = ClientCount / ClusterFixture.InstanceCount;
            Assert.All(perInstance, pair => Assert.True(pair.Value >= fairShare / 2, $"{pair.Key} got {pair.Value} of {ClientCount} clients: {string.Join(", ", perInstance)}"));
        }
        finally
        {
            await Task.WhenAll(connections.Select(connection => connection.DisposeAsync().AsTask()));
        }
    }
}
