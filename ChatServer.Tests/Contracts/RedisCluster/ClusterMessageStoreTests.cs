using ChatServer.Tests.Contracts.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.RedisCluster;

/// <summary>
/// The message store contract (sends with a client message id and their retries, history pages, resumes, the feed)
/// on a Redis Cluster node: every script a send or a read runs keeps its keys in the room's slot.
/// </summary>
[Collection(RedisClusterNodeCollection.Name)]
public sealed class ClusterMessageStoreTests(RedisClusterNodeFixture redis) : RedisMessageStoreSuite(redis);
