namespace ChatServer.Jobs;

/// <summary>
/// One kind of job, registered by name (<see cref="Kind"/>) with <c>AddJobHandler</c>, so more kinds can be added
/// beside room exports. A handler may run more than once for one job (a worker died, an attempt failed): each run
/// writes its result from the start into <see cref="JobContext.Result"/>.
/// </summary>
public interface IJobHandler
{
    /// <summary>The name jobs of this kind are queued under.</summary>
    string Kind { get; }

    /// <summary>
    /// Does the work, writing the result to <see cref="JobContext.Result"/> and reporting progress. Cancelled when
    /// the requester cancels the job or the process stops; an exception fails the attempt (retried up to
    /// <see cref="JobOptions.MaxAttempts"/>), its message becoming the job's error.
    /// </summary>
    Task RunAsync(JobContext context, CancellationToken cancellationToken);
}
