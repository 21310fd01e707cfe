using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatServer.Jobs;

/// <summary>
/// Jobs as their requesters see them: queue one (within the per-user limit), read its status, cancel it. A job is
/// visible to its requester only; to anyone else it does not exist.
/// </summary>
public sealed partial class JobScheduler(IJobStore store, IJobQueue queue, IJobNotifier notifier, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobScheduler> logger)
{
    /// <summary>How long a refused requester is told to wait: jobs end at their own pace, so this is a hint.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>Queues <paramref name="request"/> for <paramref name="owner"/>; null when they are at the limit of active jobs.</summary>
    public async Task<JobRecord?> EnqueueAsync(string owner, JobRequest request, CancellationToken cancellationToken)
    {
        var job = new JobRecord(
            Guid.NewGuid().ToString("N"), request.Kind, owner, request.Arguments, request.ResultName, request.ResultContentType,
            JobStates.Queued, 0, 0, null, clock.GetUtcNow());
        if (!await store.TryCreateAsync(job, options.Value.MaxActivePerUser, cancellationToken)) return null;
        await queue.EnqueueAsync(job.JobId, cancellationToken);
        JobLog.Queued(logger, job.JobId, job.Kind, owner);
        return job;
    }

    /// <summary>The job if <paramref name="owner"/> requested it; null otherwise (or when it is malformed, unknown or expired).</summary>
    public async Task<JobRecord?> FindAsync(string owner, string? jobId, CancellationToken cancellationToken)
    {
        if (jobId is null || !JobId().IsMatch(jobId)) return null;
        var job = await store.GetAsync(jobId, cancellationToken);
        return job is not null && string.Equals(job.Owner, owner, StringComparison.OrdinalIgnoreCase) ? job : null;
    }

    /// <summary>
    /// Cancels the job (a queued one never starts, a running one stops at its next progress report); false when
    /// <paramref name="owner"/> has no such job. Cancelling a finished job changes nothing.
    /// </summary>
    public async Task<bool> CancelAsync(string owner, string? jobId, CancellationToken cancellationToken)
    {
        if (await FindAsync(owner, jobId, cancellationToken) is not { } job) return false;
        if (JobStates.IsFinal(job.Status)) return true;
        var cancelled = await store.UpdateAsync(job.JobId, new JobTransition(JobStates.Cancelled, job.Progress), cancellationToken);
        if (cancelled is { Status: JobStates.Cancelled })
        {
            await notifier.JobUpdatedAsync(owner, cancelled.ToStatus(), cancellationToken);
        }

        return true;
    }

    [GeneratedRegex("^[0-9a-f]{32}\\z")]
    private static partial Regex JobId();
}
