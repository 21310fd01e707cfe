namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// A redis-server in Redis Cluster mode, one node holding every hash slot: it refuses what a real cluster refuses (a
/// script or command whose keys cross slots: CROSSSLOT), so the stores can be shown cluster-safe on one process.
/// </summary>
public sealed class RedisClusterNodeFixture() : RedisServerFixture(new RedisServerSettings(ClusterNode: true));
