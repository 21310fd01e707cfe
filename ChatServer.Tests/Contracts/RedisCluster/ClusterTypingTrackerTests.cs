using ChatServer.Tests.Contracts.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.RedisCluster;

/// <summary>The typing contract (start, stop, list, each expiry reported once) on a Redis Cluster node.</summary>
[Collection(RedisClusterNodeCollection.Name)]
public sealed class ClusterTypingTrackerTests(RedisClusterNodeFixture redis) : RedisTypingTrackerSuite(redis);
