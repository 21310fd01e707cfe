namespace ChatServer.Jobs;

/// <summary>
/// Jobs' state, readable by every instance, kept for <see cref="JobOptions.ResultTtl"/> after its last change; and
/// each user's count of active (queued or running) jobs, for the per-user limit.
/// </summary>
public interface IJobStore
{
    /// <summary>
    /// Stores a new queued job unless its owner already has <paramref name="maxActive"/> active ones; false then, and
    /// nothing is stored.
    /// </summary>
    Task<bool> TryCreateAsync(JobRecord job, int maxActive, CancellationToken cancellationToken);

    /// <summary>The job, or null when it does not exist or has expired.</summary>
    Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="transition"/> unless the job is final (or gone), and returns the job as it is now (null
    /// when gone). A final status also ends the job's count against its owner's limit.
    /// </summary>
    Task<JobRecord?> UpdateAsync(string jobId, JobTransition transition, CancellationToken cancellationToken);
}
