using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>The change and read-marker contract against Redis, delivered through the production room feed.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class RedisMessageChangeTests(RedisServerFixture redis) : RedisMessageChangeSuite(redis);
