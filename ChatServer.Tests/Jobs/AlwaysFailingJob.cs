using ChatServer.Jobs;

namespace ChatServer.Tests.Jobs;

/// <summary>A job kind registered only by tests: every attempt fails, so the retry and dead-letter path can be watched.</summary>
internal sealed class AlwaysFailingJob : IJobHandler
{
    public const string KindName = "test-always-fails";
    public const string Error = "This test job always fails";

    public string Kind => KindName;

    public Task RunAsync(JobContext context, CancellationToken cancellationToken) => throw new JobFailedException(Error);

    public static JobRequest Request() => new(KindName, new Dictionary<string, string>(), "nothing.txt", "text/plain");
}
