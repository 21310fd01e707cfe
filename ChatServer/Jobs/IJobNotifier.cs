namespace ChatServer.Jobs;

/// <summary>Tells a job's requester about it, on every connection they have, whichever instance holds it.</summary>
public interface IJobNotifier
{
    Task JobUpdatedAsync(string owner, JobStatus status, CancellationToken cancellationToken);
}
