namespace ChatServer.Jobs;

/// <summary>A worker's claim on one queued job, until it acknowledges, retries or dead-letters it.</summary>
/// <param name="JobId">The job claimed.</param>
/// <param name="Token">The queue's own handle for the claim (the stream entry id in Redis).</param>
/// <param name="Reclaimed">True when the claim was taken over from a worker that stopped renewing it.</param>
public sealed record JobLease(string JobId, string Token, bool Reclaimed);
