using System.ComponentModel.DataAnnotations;

namespace ChatServer.Jobs;

/// <summary>Background jobs (section <c>Jobs</c>): who runs them, how often they are retried, how long results stay.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>The role that serves chat too (the default).</summary>
    public const string AllRole = "all";

    /// <summary>A worker-only process: no chat endpoints or hub, only workers and health.</summary>
    public const string WorkerRole = "worker";

    [RegularExpression("^(all|worker)\\z", ErrorMessage = "Jobs:Role must be 'all' or 'worker'")]
    public string Role { get; set; } = AllRole;

    /// <summary>Jobs this process runs at once; 0 runs none (the instance only enqueues).</summary>
    [Range(0, 64)]
    public int Workers { get; set; } = 1;

    /// <summary>Attempts before a job fails for good and goes to the dead letters.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// A running job whose worker has not renewed its claim for this long is taken over by another worker (the first is
    /// presumed dead). Workers renew every third of it.
    /// </summary>
    [Range(1, 3600)]
    public int VisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>How often an idle worker looks for work.</summary>
    [Range(10, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>How long a job's status and result are kept after its last change.</summary>
    [Range(1, 24 * 30)]
    public int ResultTtlHours { get; set; } = 24;

    /// <summary>Queued or running jobs one user may have at once; more are refused with 429.</summary>
    [Range(1, 1000)]
    public int MaxActivePerUser { get; set; } = 3;

    /// <summary>The largest result a job may store; a job writing more fails (results live in Redis's memory).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxResultBytes { get; set; } = 256L * 1024 * 1024;

    public bool IsWorkerOnly => string.Equals(Role, WorkerRole, StringComparison.Ordinal);

    public TimeSpan VisibilityTimeout => TimeSpan.FromSeconds(VisibilityTimeoutSeconds);

    public TimeSpan ResultTtl => TimeSpan.FromHours(ResultTtlHours);

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMilliseconds);
}
