namespace ChatServer.Tests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(RedisClusterNodeCollection.Name)]</c> share one <see cref="RedisClusterNodeFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterNodeCollection : ICollectionFixture<RedisClusterNodeFixture>
{
    public const string Name = "Redis cluster node";
}
