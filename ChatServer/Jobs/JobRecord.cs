namespace ChatServer.Jobs;

/// <summary>A job's stored state: what to do, for whom, and how far it got.</summary>
/// <param name="Arguments">The kind's own parameters (e.g. room and format), validated when the job was requested.</param>
/// <param name="ResultName">The file name its result is downloaded as.</param>
/// <param name="ResultContentType">The media type of its result.</param>
public sealed record JobRecord(
    string JobId,
    string Kind,
    string Owner,
    IReadOnlyDictionary<string, string> Arguments,
    string ResultName,
    string ResultContentType,
    string Status,
    double Progress,
    int Attempts,
    string? Error,
    DateTimeOffset CreatedAt)
{
    /// <summary>Where its result is downloaded from.</summary>
    public static string ResultPath(string jobId) => $"/api/jobs/{jobId}/result";

    public JobStatus ToStatus() =>
        new(JobId, Kind, Status, Progress, Attempts, Error, Status == JobStates.Succeeded ? ResultPath(JobId) : null);
}
