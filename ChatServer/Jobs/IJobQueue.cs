namespace ChatServer.Jobs;

/// <summary>
/// Job ids waiting for a worker, delivered at least once: a claim lasts until the worker settles it
/// (<see cref="AcknowledgeAsync"/>, <see cref="RequeueAsync"/>, <see cref="DeadLetterAsync"/>) or stops renewing it
/// for <see cref="JobOptions.VisibilityTimeout"/>, after which another worker's <see cref="TryClaimAsync"/> takes it over.
/// </summary>
public interface IJobQueue
{
    Task EnqueueAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>A job whose claim has lapsed, else the next new one, else null (the caller waits and asks again).</summary>
    Task<JobLease?> TryClaimAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Tells the queue the worker is alive and still on it.</summary>
    Task RenewAsync(JobLease lease, string workerId, CancellationToken cancellationToken);

    /// <summary>Done with (its result is stored, or it was cancelled): it leaves the queue.</summary>
    Task AcknowledgeAsync(JobLease lease, CancellationToken cancellationToken);

    /// <summary>Queued again for another attempt, by any worker.</summary>
    Task RequeueAsync(JobLease lease, CancellationToken cancellationToken);

    /// <summary>Failed for good: recorded among the dead letters and gone from the queue.</summary>
    Task DeadLetterAsync(JobLease lease, DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>The newest dead letters, newest first, for operators.</summary>
    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int count, CancellationToken cancellationToken);
}
