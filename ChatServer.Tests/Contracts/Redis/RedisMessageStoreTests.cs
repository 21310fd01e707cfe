using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Contracts.Redis;

/// <summary>The message store contract against Redis, delivered through the production room feed.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class RedisMessageStoreTests(RedisServerFixture redis) : RedisMessageStoreSuite(redis);
