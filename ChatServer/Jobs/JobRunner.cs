using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Jobs;

/// <summary>
/// Runs one claimed job through one attempt: marks it running, runs its handler while renewing the claim, stores the
/// result and only then acknowledges the claim; on failure queues it again, or after the last attempt fails it for
/// good into the dead letters. The requester hears of every status change and of progress at most every
/// <see cref="ProgressInterval"/>. A cancelled job stops at its next progress report.
/// </summary>
public sealed class JobRunner(
    IJobStore store,
    IJobQueue queue,
    IJobResultStore results,
    IJobNotifier notifier,
    JobHandlers handlers,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger)
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private readonly JobOptions _options = options.Value;

    /// <param name="stoppingToken">The process is stopping: the attempt is abandoned unsettled, and another worker takes it over.</param>
    public async Task RunAsync(JobLease lease, string workerId, CancellationToken stoppingToken)
    {
        var job = await store.UpdateAsync(lease.JobId, new JobTransition(JobStates.Running, 0, StartsAttempt: true), stoppingToken);
        if (job is null || JobStates.IsFinal(job.Status))
        {
            // Expired, or cancelled while it waited.
            JobLog.Skipped(logger, lease.JobId);
            await queue.AcknowledgeAsync(lease, stoppingToken);
            return;
        }

        if (job.Attempts > _options.MaxAttempts)
        {
            // Its last attempt's worker died: that attempt counts, and no other is due.
            await FailForGoodAsync(lease, job, job.Error ?? "The worker running the job stopped before it finished", stoppingToken);
            return;
        }

        if (handlers.Find(job.Kind) is not { } handler)
        {
            await FailForGoodAsync(lease, job, $"No worker knows jobs of kind '{job.Kind}'", stoppingToken);
            return;
        }

        JobLog.Started(logger, job.JobId, job.Kind, job.Attempts, workerId, lease.Reclaimed);
        await NotifyAsync(job, stoppingToken);
        await RunAttemptAsync(lease, workerId, job, handler, stoppingToken);
    }

    private async Task RunAttemptAsync(JobLease lease, string workerId, JobRecord job, IJobHandler handler, CancellationToken stoppingToken)
    {
        var started = clock.GetTimestamp();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewUntilDoneAsync(lease, workerId, attempt.Token);
        var progress = new ProgressReporter(store, clock, NotifyAsync, job, attempt);
        try
        {
            await using (var result = new JobResultStream(results, job.JobId, job.Attempts, _options.MaxResultBytes))
            {
                await handler.RunAsync(new JobContext(job, result, progress.ReportAsync), attempt.Token);
                await result.FlushAsync(attempt.Token);
            }

            await results.CommitAsync(job.JobId, job.Attempts, stoppingToken);
            var done = await store.UpdateAsync(job.JobId, new JobTransition(JobStates.Succeeded, 1), stoppingToken);
            // Acknowledged only now that the result is stored: a crash before this runs the job again.
            await queue.AcknowledgeAsync(lease, stoppingToken);
            var elapsedMs = clock.GetElapsedTime(started).TotalMilliseconds;
            JobLog.Succeeded(logger, job.JobId, job.Kind, job.Attempts, elapsedMs);
            if (done is not null) await NotifyAsync(done, stoppingToken);
        }
        catch (OperationCanceledException) when (progress.Cancelled && !stoppingToken.IsCancellationRequested)
        {
            JobLog.Cancelled(logger, job.JobId, job.Kind);
            await results.DiscardAsync(job.JobId, job.Attempts, stoppingToken);
            await queue.AcknowledgeAsync(lease, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            await results.DiscardAsync(job.JobId, job.Attempts, stoppingToken);
            await FailAttemptAsync(lease, job, exception, stoppingToken);
        }
        finally
        {
            await attempt.CancelAsync();
            await renewing;
        }
    }

    private async Task FailAttemptAsync(JobLease lease, JobRecord job, Exception exception, CancellationToken cancellationToken)
    {
        // Only messages written for people reach the requester; anything else is logged with its stack.
        var error = exception is JobFailedException or ChatException ? exception.Message : "The job failed unexpectedly; see the server log";
        if (job.Attempts >= _options.MaxAttempts)
        {
            await FailForGoodAsync(lease, job, error, cancellationToken);
            return;
        }

        JobLog.AttemptFailed(logger, job.JobId, job.Kind, job.Attempts, exception);
        var queued = await store.UpdateAsync(job.JobId, new JobTransition(JobStates.Queued, 0, error), cancellationToken);
        await queue.RequeueAsync(lease, cancellationToken);
        if (queued is not null) await NotifyAsync(queued, cancellationToken);
    }

    private async Task FailForGoodAsync(JobLease lease, JobRecord job, string error, CancellationToken cancellationToken)
    {
        JobLog.DeadLettered(logger, job.JobId, job.Kind, job.Attempts, error);
        var failed = await store.UpdateAsync(job.JobId, new JobTransition(JobStates.Failed, job.Progress, error), cancellationToken);
        await queue.DeadLetterAsync(lease, new DeadLetter(job.JobId, job.Kind, job.Attempts, error, clock.GetUtcNow()), cancellationToken);
        if (failed is not null) await NotifyAsync(failed, cancellationToken);
    }

    private Task NotifyAsync(JobRecord job, CancellationToken cancellationToken) =>
        notifier.JobUpdatedAsync(job.Owner, job.ToStatus(), cancellationToken);

    /// <summary>Renews the claim every third of the visibility timeout until the attempt ends; a failed renewal is retried at the next tick.</summary>
    private async Task RenewUntilDoneAsync(JobLease lease, string workerId, CancellationToken done)
    {
        using var timer = new PeriodicTimer(_options.VisibilityTimeout / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                try
                {
                    await queue.RenewAsync(lease, workerId, done);
                }
                catch (ChatException exception)
                {
                    JobLog.RenewFailed(logger, lease.JobId, exception);
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The attempt is over.
        }
    }

    /// <summary>Stores and announces progress at most every <see cref="ProgressInterval"/>, and notices cancellation there.</summary>
    private sealed class ProgressReporter(IJobStore store, TimeProvider clock, Func<JobRecord, CancellationToken, Task> notify, JobRecord job, CancellationTokenSource attempt)
    {
        private long _lastReport = clock.GetTimestamp();

        public bool Cancelled { get; private set; }

        public async ValueTask ReportAsync(double progress, CancellationToken cancellationToken)
        {
            if (clock.GetElapsedTime(_lastReport) < ProgressInterval) return;
            _lastReport = clock.GetTimestamp();
            var now = await store.UpdateAsync(job.JobId, new JobTransition(JobStates.Running, Math.Clamp(progress, 0, 1)), cancellationToken);
            if (now is null || now.Status == JobStates.Cancelled)
            {
                Cancelled = true;
                await attempt.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }

            await notify(now, cancellationToken);
        }
    }
}
