namespace ChatServer.Jobs;

/// <summary>A job that failed for good: after its last attempt, with that attempt's error.</summary>
public sealed record DeadLetter(string JobId, string Kind, int Attempts, string Error, DateTimeOffset At);
