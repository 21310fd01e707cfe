using System.Globalization;
using ChatServer.Chat.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Jobs.Redis;

/// <summary>
/// The job queue as a Redis Stream read by one consumer group: workers claim with <c>XREADGROUP</c>, renew with
/// <c>XCLAIM … JUSTID</c> (which resets the entry's idle time), and settle with <c>XACK</c> + <c>XDEL</c>. An entry
/// idle for the visibility timeout belongs to a worker that died: <c>XAUTOCLAIM</c> hands it to the next one asking.
/// Entry fields: <c>job</c> (the job id). Dead letters: a capped stream with <c>job</c>, <c>kind</c>,
/// <c>attempts</c>, <c>error</c>, <c>at</c> (Unix ms).
/// </summary>
internal sealed class RedisJobQueue(ChatRedisConnection redis, JobRedisKeys keys, IOptions<JobOptions> options) : IJobQueue
{
    private const int MaxDeadLetters = 10_000;
    private readonly long _visibilityMs = (long)options.Value.VisibilityTimeout.TotalMilliseconds;

    public Task EnqueueAsync(string jobId, CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.StreamAddAsync(keys.Queue, "job", jobId), "queue the job", cancellationToken);

    public async Task<JobLease?> TryClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        try
        {
            return await ClaimAsync(workerId, cancellationToken);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // First use (or the stream was deleted): from "0", so jobs queued before the group existed are read too.
            await redis.RunAsync(
                async db =>
                {
                    try
                    {
                        await db.StreamCreateConsumerGroupAsync(keys.Queue, JobRedisKeys.ConsumerGroup, "0-0", createStream: true);
                    }
                    catch (RedisServerException busy) when (busy.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
                    {
                        // Another worker created it first.
                    }
                },
                "create the job queue",
                cancellationToken);
            return await ClaimAsync(workerId, cancellationToken);
        }
    }

    public Task RenewAsync(JobLease lease, string workerId, CancellationToken cancellationToken) =>
        redis.RunAsync(
            db => db.StreamClaimIdsOnlyAsync(keys.Queue, JobRedisKeys.ConsumerGroup, workerId, 0, [lease.Token]),
            "renew the job's claim",
            cancellationToken);

    public Task AcknowledgeAsync(JobLease lease, CancellationToken cancellationToken) =>
        redis.RunAsync(db => SettleAsync(db, lease), "acknowledge the job", cancellationToken);

    public Task RequeueAsync(JobLease lease, CancellationToken cancellationToken) =>
        redis.RunAsync(
            async db =>
            {
                // Added before the old entry goes: a crash in between runs the job once more, never loses it.
                await db.StreamAddAsync(keys.Queue, "job", lease.JobId);
                await SettleAsync(db, lease);
            },
            "queue the job again",
            cancellationToken);

    public Task DeadLetterAsync(JobLease lease, DeadLetter letter, CancellationToken cancellationToken) =>
        redis.RunAsync(
            async db =>
            {
                await db.StreamAddAsync(
                    keys.DeadLetters,
                    [
                        new("job", letter.JobId), new("kind", letter.Kind), new("attempts", letter.Attempts),
                        new("error", letter.Error), new("at", letter.At.ToUnixTimeMilliseconds()),
                    ],
                    maxLength: MaxDeadLetters,
                    useApproximateMaxLength: true);
                await SettleAsync(db, lease);
            },
            "record the failed job",
            cancellationToken);

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int count, CancellationToken cancellationToken)
    {
        var entries = await redis.RunAsync(
            db => db.StreamRangeAsync(keys.DeadLetters, "-", "+", count, Order.Descending), "read the failed jobs", cancellationToken);
        return [.. entries.Select(entry => new DeadLetter(
            entry["job"].ToString(),
            entry["kind"].ToString(),
            (int)entry["attempts"],
            entry["error"].ToString(),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(entry["at"].ToString(), CultureInfo.InvariantCulture))))];
    }

    private async Task<JobLease?> ClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        // A lapsed claim first: its job has waited longest.
        var reclaimed = await redis.RunAsync(
            db => db.StreamAutoClaimAsync(keys.Queue, JobRedisKeys.ConsumerGroup, workerId, _visibilityMs, "0-0", 1),
            "take over a job",
            cancellationToken);
        // An entry deleted while pending comes back without an id or fields: nothing to take over.
        if (reclaimed.ClaimedEntries.FirstOrDefault(IsJob) is { IsNull: false } lapsed && IsJob(lapsed))
        {
            return new JobLease(lapsed["job"].ToString(), lapsed.Id.ToString(), Reclaimed: true);
        }

        var fresh = await redis.RunAsync(
            db => db.StreamReadGroupAsync(keys.Queue, JobRedisKeys.ConsumerGroup, workerId, ">", 1),
            "claim a job",
            cancellationToken);
        return fresh.FirstOrDefault() is { IsNull: false } entry && IsJob(entry) ? new JobLease(entry["job"].ToString(), entry.Id.ToString(), Reclaimed: false) : null;
    }

    private static bool IsJob(StreamEntry entry) => !entry.IsNull && !entry.Id.IsNullOrEmpty && !entry["job"].IsNullOrEmpty;

    private async Task SettleAsync(IDatabase db, JobLease lease)
    {
        await db.StreamAcknowledgeAsync(keys.Queue, JobRedisKeys.ConsumerGroup, lease.Token);
        await db.StreamDeleteAsync(keys.Queue, [lease.Token]);
    }
}
