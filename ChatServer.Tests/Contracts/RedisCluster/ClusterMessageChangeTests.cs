using ChatServer.Tests.Contracts.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.RedisCluster;

/// <summary>Edits, deletes, reactions, read markers and unread counts (the change contract) on a Redis Cluster node.</summary>
[Collection(RedisClusterNodeCollection.Name)]
public sealed class ClusterMessageChangeTests(RedisClusterNodeFixture redis) : RedisMessageChangeSuite(redis);
