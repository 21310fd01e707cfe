namespace ChatServer.Jobs;

/// <summary>What a handler gets for one attempt: the job, a stream for its result, and a way to report progress.</summary>
public sealed class JobContext(JobRecord job, Stream result, Func<double, CancellationToken, ValueTask> reportProgress)
{
    public JobRecord Job { get; } = job;

    /// <summary>Write-only; buffered in chunks into the result store. The runner flushes and commits it.</summary>
    public Stream Result { get; } = result;

    /// <summary>Reports progress (0..1). Cheap to call often: the runner stores and announces it at most every 500 ms.</summary>
    public ValueTask ReportProgressAsync(double progress, CancellationToken cancellationToken) => reportProgress(progress, cancellationToken);
}
