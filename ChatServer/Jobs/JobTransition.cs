namespace ChatServer.Jobs;

/// <summary>
/// A change to a job's state. Applied only while the job is not final: a cancelled job stays cancelled whatever a
/// worker that has not noticed yet reports.
/// </summary>
/// <param name="Status">The new status.</param>
/// <param name="Progress">0 to 1.</param>
/// <param name="Error">The error to show, or null to keep none.</param>
/// <param name="StartsAttempt">True when a worker starts an attempt: the attempt count goes up by one.</param>
public sealed record JobTransition(string Status, double Progress, string? Error = null, bool StartsAttempt = false);
