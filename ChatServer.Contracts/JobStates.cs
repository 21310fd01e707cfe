namespace ChatServer.Contracts;

/// <summary>The values of <see cref="JobStatus.Status"/>.</summary>
public static class JobStates
{
    /// <summary>Waiting for a worker (also between attempts).</summary>
    public const string Queued = "queued";
    /// <summary>A worker is on it.</summary>
    public const string Running = "running";
    /// <summary>Done; its result can be downloaded.</summary>
    public const string Succeeded = "succeeded";
    /// <summary>Failed for good after its last attempt; see the error.</summary>
    public const string Failed = "failed";
    /// <summary>Cancelled by its requester.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Succeeded, failed and cancelled jobs never change again.</summary>
    public static bool IsFinal(string? status) => status is Succeeded or Failed or Cancelled;
}
