using System.Globalization;
using System.Text.Json;
using ChatServer.Chat.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Jobs.Redis;

/// <summary>
/// Job state in one hash per job (fields below), expiring <see cref="JobOptions.ResultTtl"/> after its last change;
/// each user's active jobs in a sorted set scored by creation time, so an entry a crash left behind ages out.
/// </summary>
internal sealed class RedisJobStore(ChatRedisConnection redis, JobRedisKeys keys, IOptions<JobOptions> options, TimeProvider clock) : IJobStore
{
    private static readonly string UpdateScript = LoadScript("job-update.lua");
    private readonly JobOptions _options = options.Value;

    public async Task<bool> TryCreateAsync(JobRecord job, int maxActive, CancellationToken cancellationToken)
    {
        var active = keys.ActiveJobs(job.Owner);
        var now = clock.GetUtcNow();
        // Add first, then count: of two requests racing for the last place neither may pass, but never both.
        var count = await redis.RunAsync(
            async db =>
            {
                await db.SortedSetRemoveRangeByScoreAsync(active, double.NegativeInfinity, (now - _options.ResultTtl).ToUnixTimeMilliseconds());
                await db.SortedSetAddAsync(active, job.JobId, now.ToUnixTimeMilliseconds());
                await db.KeyExpireAsync(active, _options.ResultTtl);
                return await db.SortedSetLengthAsync(active);
            },
            "count your jobs",
            cancellationToken);
        if (count > maxActive)
        {
            await redis.RunAsync(db => db.SortedSetRemoveAsync(active, job.JobId), "count your jobs", CancellationToken.None);
            return false;
        }

        var state = keys.State(job.JobId);
        await redis.RunAsync(
            async db =>
            {
                await db.HashSetAsync(state,
                [
                    new("kind", job.Kind), new("owner", job.Owner), new("args", JsonSerializer.Serialize(job.Arguments)),
                    new("file", job.ResultName), new("type", job.ResultContentType), new("status", job.Status),
                    new("progress", job.Progress), new("attempts", job.Attempts), new("error", job.Error ?? string.Empty),
                    new("created", job.CreatedAt.ToUnixTimeMilliseconds()),
                ]);
                await db.KeyExpireAsync(state, _options.ResultTtl);
            },
            "store the job",
            cancellationToken);
        return true;
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        var fields = await redis.RunAsync(db => db.HashGetAllAsync(keys.State(jobId)), "read the job", cancellationToken);
        return fields.Length == 0 ? null : Parse(jobId, fields.ToDictionary(field => field.Name.ToString(), field => field.Value.ToString(), StringComparer.Ordinal));
    }

    public async Task<JobRecord?> UpdateAsync(string jobId, JobTransition transition, CancellationToken cancellationToken)
    {
        var reply = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                UpdateScript,
                [keys.State(jobId)],
                [transition.Status, transition.Progress, transition.Error ?? string.Empty, transition.StartsAttempt ? "1" : "0", (long)_options.ResultTtl.TotalMilliseconds]),
            "update the job",
            cancellationToken);
        if (reply.IsNull) return null;

        var flat = (RedisResult[])reply!;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            fields[(string)flat[i]!] = (string)flat[i + 1]!;
        }

        var job = Parse(jobId, fields);
        if (JobStates.IsFinal(job.Status))
        {
            await redis.RunAsync(db => db.SortedSetRemoveAsync(keys.ActiveJobs(job.Owner), jobId), "update the job", cancellationToken);
        }

        return job;
    }

    private static JobRecord Parse(string jobId, Dictionary<string, string> fields) =>
        new(
            jobId,
            fields["kind"],
            fields["owner"],
            JsonSerializer.Deserialize<Dictionary<string, string>>(fields["args"]) ?? [],
            fields["file"],
            fields["type"],
            fields["status"],
            double.Parse(fields["progress"], CultureInfo.InvariantCulture),
            int.Parse(fields["attempts"], CultureInfo.InvariantCulture),
            fields["error"] is { Length: > 0 } error ? error : null,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["created"], CultureInfo.InvariantCulture)));

    private static string LoadScript(string name)
    {
        using var stream = typeof(RedisJobStore).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
