namespace ChatServer.Tests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(RedisServerCollection.Name)]</c> share one <see cref="RedisServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RedisServerCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis server";
}
