using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ChatServer.Jobs.InMemory;

/// <summary>
/// The job queue on a <see cref="Channel{T}"/>: the single-instance default, with the Redis queue's behaviour (claims
/// that lapse after the visibility timeout are taken over, dead letters kept, newest first, up to
/// <see cref="MaxDeadLetters"/>). Its jobs do not survive the process.
/// </summary>
internal sealed class InMemoryJobQueue(IOptions<JobOptions> options, TimeProvider clock) : IJobQueue
{
    public const int MaxDeadLetters = 10_000;

    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Dictionary<string, (string JobId, DateTimeOffset RenewedAt)> _claimed = new(StringComparer.Ordinal);
    private readonly LinkedList<DeadLetter> _dead = new();
    private readonly Lock _sync = new();
    private readonly TimeSpan _visibility = options.Value.VisibilityTimeout;
    private long _nextToken;

    public async Task EnqueueAsync(string jobId, CancellationToken cancellationToken) =>
        await _ready.Writer.WriteAsync(jobId, cancellationToken);

    public Task<JobLease?> TryClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var now = clock.GetUtcNow();
            foreach (var (token, claim) in _claimed)
            {
                if (now - claim.RenewedAt >= _visibility)
                {
                    _claimed[token] = (claim.JobId, now);
                    return Task.FromResult<JobLease?>(new JobLease(claim.JobId, token, Reclaimed: true));
                }
            }

            if (!_ready.Reader.TryRead(out var jobId)) return Task.FromResult<JobLease?>(null);
            var lease = new JobLease(jobId, (++_nextToken).ToString(System.Globalization.CultureInfo.InvariantCulture), Reclaimed: false);
            _claimed[lease.Token] = (jobId, now);
            return Task.FromResult<JobLease?>(lease);
        }
    }

    public Task RenewAsync(JobLease lease, string workerId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_claimed.ContainsKey(lease.Token)) _claimed[lease.Token] = (lease.JobId, clock.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    public Task AcknowledgeAsync(JobLease lease, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _claimed.Remove(lease.Token);
        }

        return Task.CompletedTask;
    }

    public async Task RequeueAsync(JobLease lease, CancellationToken cancellationToken)
    {
        // Queued again before the claim goes, as the Redis queue does (XADD, then XACK): never neither.
        await EnqueueAsync(lease.JobId, cancellationToken);
        await AcknowledgeAsync(lease, cancellationToken);
    }

    public Task DeadLetterAsync(JobLease lease, DeadLetter letter, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _dead.AddFirst(letter);
            if (_dead.Count > MaxDeadLetters) _dead.RemoveLast();
            _claimed.Remove(lease.Token);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int count, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<DeadLetter>>([.. _dead.Take(count)]);
        }
    }
}
