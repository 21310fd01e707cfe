namespace ChatServer.Jobs;

/// <summary>
/// Job results, readable by every instance for <see cref="JobOptions.ResultTtl"/>. An attempt writes its own draft,
/// published whole by <see cref="CommitAsync"/>: an attempt that dies half-way leaves nothing a download could see,
/// and a retry starts from nothing, so no part is ever there twice.
/// </summary>
public interface IJobResultStore
{
    /// <summary>Appends a chunk to attempt <paramref name="attempt"/>'s draft.</summary>
    Task AppendAsync(string jobId, int attempt, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

    /// <summary>Makes the attempt's draft the job's result.</summary>
    Task CommitAsync(string jobId, int attempt, CancellationToken cancellationToken);

    /// <summary>Drops the attempt's draft (a failed or cancelled attempt).</summary>
    Task DiscardAsync(string jobId, int attempt, CancellationToken cancellationToken);

    /// <summary>True when the job has a committed result that has not expired.</summary>
    Task<bool> ExistsAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Writes the result to <paramref name="destination"/> chunk by chunk, never all of it in memory at once.</summary>
    Task CopyToAsync(string jobId, Stream destination, CancellationToken cancellationToken);
}
