using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Jobs;

/// <summary>
/// <see cref="JobOptions.Workers"/> loops that each claim a job, run it, and look again after
/// <see cref="JobOptions.PollInterval"/> when there is none. Each loop is a consumer of its own
/// (<c>{instanceId}-{n}</c>), so a dead process's claims are recognisable and taken over.
/// </summary>
public sealed class JobWorkerService(IJobQueue queue, JobRunner runner, ServerInfo server, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobWorkerService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = options.Value.Workers;
        if (workers == 0) return Task.CompletedTask;
        JobLog.WorkersStarted(logger, workers, options.Value.Role);
        return Task.WhenAll(Enumerable.Range(1, workers).Select(n => WorkAsync($"{server.InstanceId}-{n}", stoppingToken)));
    }

    private async Task WorkAsync(string workerId, CancellationToken stoppingToken)
    {
        // Off the start-up path: the host goes on starting while the workers begin.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await queue.TryClaimAsync(workerId, stoppingToken) is { } lease)
                {
                    await runner.RunAsync(lease, workerId, stoppingToken);
                    continue;
                }
            }
            catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
            {
                JobLog.WorkerUnavailable(logger, workerId, exception.Message);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The loop boundary: log and go on with the next job.
                JobLog.WorkerFailed(logger, workerId, exception);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
