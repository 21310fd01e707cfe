using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>
/// A background job as its requester sees it (<c>GET /api/jobs/{jobId}</c> and the hub event <c>JobUpdated</c>).
/// </summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Kind">What it does, e.g. <c>room-export</c>.</param>
/// <param name="Status">One of <see cref="JobStates"/>: queued, running, succeeded, failed or cancelled.</param>
/// <param name="Progress">0 to 1.</param>
/// <param name="Attempts">How many times a worker has started it.</param>
/// <param name="Error">Why the last attempt failed, when one did.</param>
/// <param name="ResultUrl">Where to download the result once it has succeeded.</param>
[DataContract]
public sealed record JobStatus(
    [property: DataMember(Name = "jobId")] string JobId,
    [property: DataMember(Name = "kind")] string Kind,
    [property: DataMember(Name = "status")] string Status,
    [property: DataMember(Name = "progress")] double Progress,
    [property: DataMember(Name = "attempts")] int Attempts,
    [property: DataMember(Name = "error")] string? Error,
    [property: DataMember(Name = "resultUrl")] string? ResultUrl)
{
    /// <summary>True once the job will not change any more.</summary>
    public bool IsFinished => JobStates.IsFinal(Status);
}
