namespace ChatServer.Jobs;

/// <summary>A job to queue: its kind, its (already validated) arguments, and how its result is downloaded.</summary>
public sealed record JobRequest(string Kind, IReadOnlyDictionary<string, string> Arguments, string ResultName, string ResultContentType);
