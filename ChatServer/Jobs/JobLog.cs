namespace ChatServer.Jobs;

/// <summary>Log events of background jobs (EventIds 5000-5099).</summary>
internal static partial class JobLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) queued for {Owner}")]
    public static partial void Queued(ILogger logger, string jobId, string kind, string owner);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) attempt {Attempt} started by {WorkerId} (taken over: {Reclaimed})")]
    public static partial void Started(ILogger logger, string jobId, string kind, int attempt, string workerId, bool reclaimed);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) succeeded on attempt {Attempt} in {ElapsedMs} ms")]
    public static partial void Succeeded(ILogger logger, string jobId, string kind, int attempt, double elapsedMs);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) attempt {Attempt} failed; queued again")]
    public static partial void AttemptFailed(ILogger logger, string jobId, string kind, int attempt, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Job {JobId} ({Kind}) failed for good after {Attempts} attempts: {Error}")]
    public static partial void DeadLettered(ILogger logger, string jobId, string kind, int attempts, string error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) cancelled by its requester")]
    public static partial void Cancelled(ILogger logger, string jobId, string kind);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "Job {JobId} is gone or final; its queue entry is dropped")]
    public static partial void Skipped(ILogger logger, string jobId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Job worker {WorkerId} waits for Redis: {Reason}")]
    public static partial void WorkerUnavailable(ILogger logger, string workerId, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Job worker {WorkerId} failed; it goes on")]
    public static partial void WorkerFailed(ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "{Workers} job workers started ({Role} role)")]
    public static partial void WorkersStarted(ILogger logger, int workers, string role);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Renewing the claim on job {JobId} failed; retrying")]
    public static partial void RenewFailed(ILogger logger, string jobId, Exception exception);
}
