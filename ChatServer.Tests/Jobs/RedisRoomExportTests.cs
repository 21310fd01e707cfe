using ChatServer.Jobs.Redis;
using ChatServer.Tests.Infrastructure;
using StackExchange.Redis;

namespace ChatServer.Tests.Jobs;

/// <summary>The export suite in Redis mode against a real redis-server: the Stream queue, results in Redis.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class RedisRoomExportTests(RedisServerFixture redis) : RoomExportSuite
{
    // A prefix of the test's own: its queue, jobs and rooms are its alone.
    private readonly string _prefix = $"t{Guid.NewGuid():N}"[..17];

    private protected override Dictionary<string, string?> ModeSettings() => new()
    {
        ["Redis:Configuration"] = redis.Server.ConnectionString,
        ["Chat:Redis:KeyPrefix"] = _prefix,
    };

    private protected override Task<IReadOnlyList<string>> SeedAsync(ChatApplication app, string room, string user, int count) =>
        RedisRoomSeeder.SeedAsync(redis.Multiplexer.GetDatabase(), _prefix, room, user, count, Text);

    private protected override async Task AssertDeadLetteredAsync(string jobId)
    {
        var db = redis.Multiplexer.GetDatabase();
        var keys = new JobRedisKeys(_prefix);
        var dead = await db.StreamRangeAsync(keys.DeadLetters);
        Assert.Contains(dead, entry => entry["job"] == jobId);
        // Settled: nothing of it is left pending in the queue's group.
        var pending = await db.StreamPendingAsync(keys.Queue, JobRedisKeys.ConsumerGroup);
        Assert.Equal(0, pending.PendingMessageCount);
    }
}
