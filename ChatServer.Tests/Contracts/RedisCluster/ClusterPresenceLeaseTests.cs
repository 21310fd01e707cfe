using ChatServer.Chat;
using ChatServer.Chat.Redis;
using ChatServer.Tests.Contracts.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.RedisCluster;

/// <summary>
/// What of presence already runs on Redis Cluster: the instance leases (one key each script). The join, leave and
/// disconnect scripts still cross slots (docs/scale-out.md, "Redis Cluster readiness").
/// </summary>
[Collection(RedisClusterNodeCollection.Name)]
public sealed class ClusterPresenceLeaseTests(RedisClusterNodeFixture redis) : IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    [Fact]
    public async Task A_lapsed_lease_is_claimed_by_exactly_one_survivor()
    {
        var (dead, survivor, other) = (Instance("dead"), Instance("survivor"), Instance("other"));
        Assert.True(await dead.RenewLeaseAsync(TimeSpan.FromMilliseconds(100), default));
        Assert.True(await survivor.RenewLeaseAsync(TimeSpan.FromMinutes(1), default));
        Assert.False(await survivor.RenewLeaseAsync(TimeSpan.FromMinutes(1), default));

        await Eventually.TrueAsync(async () => await _scope.Database.SortedSetScoreAsync(_scope.Keys.InstanceLeases, "dead") < await ServerMillisecondsAsync());

        var claims = await Task.WhenAll(survivor.ClaimDeadInstanceAsync(default), other.ClaimDeadInstanceAsync(default));
        Assert.Equal(["dead"], claims.OfType<string>());
        Assert.Null(await survivor.ClaimDeadInstanceAsync(default));
    }

    public async Task InitializeAsync() => await _scope.Connection.GetDatabaseAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private RedisPresenceTracker Instance(string id) => new(_scope.Connection, _scope.Keys, _scope.Scripts, new ServerInfo(id, ServerInfo.RedisMode));

    private async Task<double> ServerMillisecondsAsync()
    {
        var time = (long[])(await _scope.Database.ExecuteAsync("TIME"))!;
        return (time[0] * 1000) + (time[1] / 1000);
    }
}
