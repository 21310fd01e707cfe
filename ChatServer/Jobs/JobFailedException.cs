namespace ChatServer.Jobs;

/// <summary>An attempt failed for a reason worth showing the requester as the job's error (its message says what to do).</summary>
public sealed class JobFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
