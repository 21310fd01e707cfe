using ChatServer.Chat.Redis;
using Microsoft.Extensions.Options;

namespace ChatServer.Jobs.Redis;

/// <summary>
/// Results in Redis as lists of chunks (<see cref="JobResultStream.ChunkBytes"/> each), so every instance can serve
/// any job's result with no shared disk, and they expire by themselves. An attempt writes its own draft list; commit
/// renames it to the result (one slot: both keys carry the job's hash tag).
/// </summary>
internal sealed class RedisJobResultStore(ChatRedisConnection redis, JobRedisKeys keys, IOptions<JobOptions> options) : IJobResultStore
{
    private readonly TimeSpan _ttl = options.Value.ResultTtl;

    public Task AppendAsync(string jobId, int attempt, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        var draft = keys.Draft(jobId, attempt);
        // A draft expires too, so one whose worker died goes by itself.
        return redis.RunAsync(
            db => Task.WhenAll(db.ListRightPushAsync(draft, chunk), db.KeyExpireAsync(draft, _ttl)),
            "store the job's result",
            cancellationToken);
    }

    public Task CommitAsync(string jobId, int attempt, CancellationToken cancellationToken)
    {
        var draft = keys.Draft(jobId, attempt);
        var result = keys.Result(jobId);
        return redis.RunAsync(
            async db =>
            {
                if (await db.KeyExistsAsync(draft))
                {
                    await db.KeyRenameAsync(draft, result);
                }
                else
                {
                    // An empty result is still a result: one empty chunk.
                    await db.KeyDeleteAsync(result);
                    await db.ListRightPushAsync(result, Array.Empty<byte>());
                }

                await db.KeyExpireAsync(result, _ttl);
            },
            "store the job's result",
            cancellationToken);
    }

    public Task DiscardAsync(string jobId, int attempt, CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.KeyDeleteAsync(keys.Draft(jobId, attempt)), "drop the job's draft", cancellationToken);

    public Task<bool> ExistsAsync(string jobId, CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.KeyExistsAsync(keys.Result(jobId)), "read the job's result", cancellationToken);

    public async Task CopyToAsync(string jobId, Stream destination, CancellationToken cancellationToken)
    {
        var result = keys.Result(jobId);
        var chunks = await redis.RunAsync(db => db.ListLengthAsync(result), "read the job's result", cancellationToken);
        for (long index = 0; index < chunks; index++)
        {
            var chunk = await redis.RunAsync(db => db.ListGetByIndexAsync(result, index), "read the job's result", cancellationToken);
            if (chunk.IsNull) throw new InvalidOperationException($"The result of job {jobId} expired while it was being read.");
            await destination.WriteAsync((ReadOnlyMemory<byte>)chunk, cancellationToken);
        }
    }
}
