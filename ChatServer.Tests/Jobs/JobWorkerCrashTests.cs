using System.Net.Http.Headers;
using ChatServer.Jobs.Redis;
using ChatServer.Tests.Infrastructure;
using StackExchange.Redis;

namespace ChatServer.Tests.Jobs;

/// <summary>
/// Worker-only processes (<c>dotnet ChatServer.dll --Jobs:Role=worker</c>) beside an instance that runs no workers:
/// one killed with SIGKILL mid-export has its job taken over by the other, and the file comes out whole, once.
/// </summary>
[Collection(RedisServerCollection.Name)]
public sealed class JobWorkerCrashTests(RedisServerFixture redis)
{
    private const int Messages = 20_000;

    [Fact]
    public async Task A_worker_killed_mid_export_has_its_job_finished_by_another_worker_and_the_file_complete_without_duplicates()
    {
        var prefix = $"t{Guid.NewGuid():N}"[..17];
        // 100 pages at 25 a second: about 4 s per attempt; a claim not renewed for 2 s is taken over.
        var worker = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.Server.ConnectionString,
            ["Chat__Redis__KeyPrefix"] = prefix,
            ["Jobs__Workers"] = "1",
            ["Jobs__VisibilityTimeoutSeconds"] = "2",
            ["Jobs__PollIntervalMilliseconds"] = "100",
            ["Jobs__Export__PageSize"] = "200",
            ["Jobs__Export__MaxPagesPerSecond"] = "25",
        };
        await using var workerA = await ChatServerProcess.StartAsync(new Dictionary<string, string>(worker) { ["Chat__InstanceId"] = "worker-a" }, arguments: ["--Jobs:Role=worker"]);
        await using var workerB = await ChatServerProcess.StartAsync(new Dictionary<string, string>(worker) { ["Chat__InstanceId"] = "worker-b" }, arguments: ["--Jobs:Role=worker"]);
        await using var app = new ChatApplication(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Server.ConnectionString,
            ["Chat:Redis:KeyPrefix"] = prefix,
            ["Jobs:Workers"] = "0",
        });
        var user = await app.CreateUserAsync("crash");
        var room = "crash" + Guid.NewGuid().ToString("N")[..12];
        var db = redis.Multiplexer.GetDatabase();
        var ids = await RedisRoomSeeder.SeedAsync(db, prefix, room, user.Name, Messages, i => $"line {i}, \"{i}\"");
        await using var tab = await user.ConnectAsync();

        var jobId = (await app.Api.StartRoomExportAsync(user.AccessToken, room, "csv")).JobId;
        await Eventually.ReturnsAsync(() => app.Api.GetJobAsync(user.AccessToken, jobId), s => s.Progress >= 0.2, TimeSpan.FromSeconds(30), "the export to be under way");
        var holder = Assert.Single(await db.StreamPendingMessagesAsync(new JobRedisKeys(prefix).Queue, JobRedisKeys.ConsumerGroup, 10, RedisValue.Null)).ConsumerName.ToString();
        var (victim, survivor) = holder.StartsWith("worker-a", StringComparison.Ordinal) ? (workerA, workerB) : (workerB, workerA);
        await victim.KillAsync();

        var done = await Eventually.ReturnsAsync(() => app.Api.GetJobAsync(user.AccessToken, jobId), s => s.IsFinished, TimeSpan.FromSeconds(45), "the job to finish");

        Assert.Equal(JobStates.Succeeded, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Contains(jobId, survivor.Output, StringComparison.Ordinal);
        // The second attempt's progress reached the requester from the surviving worker process, through the backplane.
        await tab.WaitForAsync<HubEvent.Job>(e => e.Status.JobId == jobId && e.Status.Attempts == 2 && e.Status.Status == JobStates.Succeeded, TimeSpan.FromSeconds(10));
        using var file = new MemoryStream();
        await app.Api.DownloadJobResultAsync(user.AccessToken, jobId, file);
        var rows = ExportFiles.ReadCsv(file.ToArray());
        Assert.Equal(ids, rows.Select(row => row.Id));
        Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"line {i}, \"{i}\""), rows.Select(row => row.Text));
    }
}
