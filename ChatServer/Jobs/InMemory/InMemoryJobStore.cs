using Microsoft.Extensions.Options;

namespace ChatServer.Jobs.InMemory;

/// <summary>Job state in process memory: the single-instance default. Expired jobs are dropped as they are met.</summary>
internal sealed class InMemoryJobStore(IOptions<JobOptions> options, TimeProvider clock) : IJobStore
{
    private readonly Dictionary<string, (JobRecord Job, DateTimeOffset ExpiresAt)> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly TimeSpan _ttl = options.Value.ResultTtl;

    public Task<bool> TryCreateAsync(JobRecord job, int maxActive, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            DropExpired();
            var active = _jobs.Values.Count(entry => string.Equals(entry.Job.Owner, job.Owner, StringComparison.OrdinalIgnoreCase) && !JobStates.IsFinal(entry.Job.Status));
            if (active >= maxActive) return Task.FromResult(false);
            _jobs[job.JobId] = (job, clock.GetUtcNow() + _ttl);
            return Task.FromResult(true);
        }
    }

    public Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(Live(jobId));
        }
    }

    public Task<JobRecord?> UpdateAsync(string jobId, JobTransition transition, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (Live(jobId) is not { } job) return Task.FromResult<JobRecord?>(null);
            if (JobStates.IsFinal(job.Status)) return Task.FromResult<JobRecord?>(job);
            var updated = job with
            {
                Status = transition.Status,
                Progress = transition.Progress,
                Error = transition.Error,
                Attempts = job.Attempts + (transition.StartsAttempt ? 1 : 0),
            };
            _jobs[jobId] = (updated, clock.GetUtcNow() + _ttl);
            return Task.FromResult<JobRecord?>(updated);
        }
    }

    private JobRecord? Live(string jobId) =>
        _jobs.TryGetValue(jobId, out var entry) && entry.ExpiresAt > clock.GetUtcNow() ? entry.Job : null;

    private void DropExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _jobs.Where(entry => entry.Value.ExpiresAt <= now).Select(entry => entry.Key).ToList())
        {
            _jobs.Remove(expired);
        }
    }
}
