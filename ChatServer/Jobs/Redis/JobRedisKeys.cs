namespace ChatServer.Jobs.Redis;

/// <summary>
/// Every Redis key of the job system, under the chat's key prefix. A job's own keys carry its id as a hash tag
/// (<c>{id}</c>), so the update script and the draft-to-result RENAME stay in one slot.
/// </summary>
internal sealed class JobRedisKeys(string prefix)
{
    private readonly string _prefix = (prefix.EndsWith(':') ? prefix : prefix + ":") + "jobs:";

    /// <summary>The queue: a stream of <c>{jobId}</c> entries read by the <see cref="ConsumerGroup"/>.</summary>
    public string Queue => _prefix + "queue";

    public const string ConsumerGroup = "workers";

    /// <summary>Jobs that failed for good, newest last (capped).</summary>
    public string DeadLetters => _prefix + "dead";

    /// <summary>A job's state hash.</summary>
    public string State(string jobId) => $"{_prefix}{{{jobId}}}";

    /// <summary>A job's committed result: a list of chunks.</summary>
    public string Result(string jobId) => $"{_prefix}{{{jobId}}}:result";

    /// <summary>One attempt's result while it is being written.</summary>
    public string Draft(string jobId, int attempt) => $"{_prefix}{{{jobId}}}:draft:{attempt}";

    /// <summary>A user's active jobs: a sorted set of job ids scored by their creation time (ms).</summary>
    public string ActiveJobs(string owner) => $"{_prefix}user:{owner.ToLowerInvariant()}:active";
}
