using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatServer.Client;
using ChatServer.Hosting;
using ChatServer.Jobs;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Jobs;

/// <summary>
/// Room exports and the job system under them, end to end over HTTP and the hub; run in memory mode and in Redis mode
/// by the two subclasses.
/// </summary>
public abstract class RoomExportSuite
{
    protected const int BigRoom = 20_000;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(45);

    /// <summary>The mode's settings (Redis: its connection and a key prefix of the test's own).</summary>
    private protected abstract Dictionary<string, string?> ModeSettings();

    /// <summary>Puts <paramref name="count"/> messages by <paramref name="user"/> into the room straight through the store, fast; returns their ids in order.</summary>
    private protected abstract Task<IReadOnlyList<string>> SeedAsync(ChatApplication app, string room, string user, int count);

    /// <summary>What the mode can check beyond the queue's own view of its dead letters (Redis: the raw streams).</summary>
    private protected virtual Task AssertDeadLetteredAsync(string jobId) => Task.CompletedTask;

    /// <summary>Plain texts, with now and then one that needs escaping in every format.</summary>
    protected static string Text(int index) =>
        index % 997 == 0 ? $"<script>alert(\"{index}\")</script> & \"quoted\", comma\r\nsecond line {index}" : $"message {index}";

    [Fact]
    public async Task An_export_of_a_20000_message_room_has_every_message_once_and_in_order_in_each_format()
    {
        await using var app = CreateApp();
        var user = await app.CreateUserAsync("exp");
        var room = NewRoom();
        var ids = await SeedAsync(app, room, user.Name, BigRoom);
        var expected = ids.Select((id, index) => (id, user.Name, Text(index))).ToList();

        // All three at once: the per-user limit (3 by default) allows it, and one worker runs them in turn.
        var jobs = new Dictionary<string, string>();
        foreach (var format in new[] { "json", "csv", "html" })
        {
            jobs[format] = (await app.Api.StartRoomExportAsync(user.AccessToken, room, format)).JobId;
        }

        foreach (var (format, jobId) in jobs)
        {
            var done = await WaitForJobAsync(app, user, jobId);
            Assert.True(done.Status == JobStates.Succeeded, done.Error);
            var file = await DownloadAsync(app, user, done, room + "." + format);
            var rows = format switch
            {
                "json" => ExportFiles.ReadJson(file),
                "csv" => ExportFiles.ReadCsv(file),
                _ => ExportFiles.ReadHtml(file),
            };
            Assert.Equal(BigRoom, rows.Count);
            Assert.Equal(expected, rows);
            if (format == "html")
            {
                var html = System.Text.Encoding.UTF8.GetString(file);
                Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
                Assert.Contains("&lt;script&gt;alert(&quot;0&quot;)&lt;/script&gt; &amp;", html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task JobUpdated_reaches_the_requester_with_progress_in_order_and_ends_succeeded()
    {
        // 40 pages at 20 a second: about 2 s, so several progress reports (at most one per 500 ms) come between.
        await using var app = CreateApp(new() { ["Jobs:Export:PageSize"] = "100", ["Jobs:Export:MaxPagesPerSecond"] = "20" });
        var user = await app.CreateUserAsync("prog");
        var room = NewRoom();
        await SeedAsync(app, room, user.Name, 4000);
        await using var tab = await user.ConnectAsync();

        var jobId = (await app.Api.StartRoomExportAsync(user.AccessToken, room, "json")).JobId;
        var updates = new List<JobStatus>();
        do
        {
            updates.Add((await tab.WaitForAsync<HubEvent.Job>(e => e.Status.JobId == jobId, JobTimeout)).Status);
        }
        while (!updates[^1].IsFinished);

        Assert.Equal(JobStates.Running, updates[0].Status);
        Assert.Equal(0, updates[0].Progress);
        var progress = updates.Select(update => update.Progress).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.True(updates.Count(update => update.Status == JobStates.Running && update.Progress is > 0 and < 1) >= 2, string.Join(", ", progress));
        Assert.All(updates, update => Assert.Equal(1, update.Attempts));
        Assert.Equal(new JobStatus(jobId, "room-export", JobStates.Succeeded, 1, 1, null, $"/api/jobs/{jobId}/result"), updates[^1]);
    }

    [Fact]
    public async Task Another_user_gets_404_for_the_status_the_result_and_cancelling()
    {
        await using var app = CreateApp();
        var owner = await app.CreateUserAsync("own");
        var other = await app.CreateUserAsync("oth");
        var room = NewRoom();
        await SeedAsync(app, room, owner.Name, 10);
        var jobId = (await app.Api.StartRoomExportAsync(owner.AccessToken, room, "csv")).JobId;
        await WaitForJobAsync(app, owner, jobId);
        using var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(http, other, HttpMethod.Get, $"/api/jobs/{jobId}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(http, other, HttpMethod.Get, $"/api/jobs/{jobId}/result"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(http, other, HttpMethod.Delete, $"/api/jobs/{jobId}"));
        // The same answer as for a job that does not exist, or an id that cannot be one.
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(http, owner, HttpMethod.Get, $"/api/jobs/{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(http, owner, HttpMethod.Get, "/api/jobs/..%2F..%2Fetc"));
        // The owner still has both.
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, owner, HttpMethod.Get, $"/api/jobs/{jobId}"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, owner, HttpMethod.Get, $"/api/jobs/{jobId}/result"));
    }

    [Fact]
    public async Task Past_the_per_user_limit_an_export_is_refused_with_429_and_Retry_After_until_a_job_ends()
    {
        // No workers: jobs stay queued, so they count against the limit.
        await using var app = CreateApp(new() { ["Jobs:Workers"] = "0", ["Jobs:MaxActivePerUser"] = "2" });
        var user = await app.CreateUserAsync("lim");
        var other = await app.CreateUserAsync("lim2");
        var room = NewRoom();
        using var http = app.CreateClient();

        using var first = await PostExportAsync(http, user, room, "json");
        using var second = await PostExportAsync(http, user, room, "csv");
        using var third = await PostExportAsync(http, user, room, "html");
        using var someoneElse = await PostExportAsync(http, other, room, "html");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var accepted = await first.Content.ReadFromJsonAsync<JobAccepted>();
        Assert.Equal(JobStates.Queued, accepted!.Status);
        Assert.Equal($"/api/jobs/{accepted.JobId}", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal(HttpStatusCode.Accepted, someoneElse.StatusCode);

        // A cancelled job no longer counts.
        await app.Api.CancelJobAsync(user.AccessToken, accepted.JobId);
        Assert.Equal(JobStates.Cancelled, (await app.Api.GetJobAsync(user.AccessToken, accepted.JobId)).Status);
        using var fourth = await PostExportAsync(http, user, room, "html");
        Assert.Equal(HttpStatusCode.Accepted, fourth.StatusCode);
    }

    [Fact]
    public async Task A_job_that_always_fails_is_tried_MaxAttempts_times_then_fails_with_its_error_into_the_dead_letters()
    {
        await using var app = CreateApp(new() { ["Jobs:MaxAttempts"] = "3" }, services => services.AddJobHandler<AlwaysFailingJob>());
        var user = await app.CreateUserAsync("fail");
        var job = await app.Services.GetRequiredService<JobScheduler>().EnqueueAsync(user.Name, AlwaysFailingJob.Request(), CancellationToken.None);

        var failed = await WaitForJobAsync(app, user, job!.JobId);

        Assert.Equal(JobStates.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(AlwaysFailingJob.Error, failed.Error);
        Assert.Null(failed.ResultUrl);
        // The runner records the failure before it writes the dead letter (JobRunner.FailForGoodAsync), so the letter
        // can come a moment after the status a poll reads.
        var queue = app.Services.GetRequiredService<IJobQueue>();
        var letters = await Eventually.ReturnsAsync(
            () => queue.GetDeadLettersAsync(100, CancellationToken.None), found => found.Any(l => l.JobId == job.JobId), TimeSpan.FromSeconds(10), "the job's dead letter");
        var letter = Assert.Single(letters, l => l.JobId == job.JobId);
        Assert.Equal((AlwaysFailingJob.KindName, 3, AlwaysFailingJob.Error), (letter.Kind, letter.Attempts, letter.Error));
        await AssertDeadLetteredAsync(job.JobId);
    }

    [Fact]
    public async Task Cancelling_a_running_export_stops_it_for_good_and_leaves_no_result()
    {
        // 40 pages at 10 a second: about 4 s, time enough to cancel half-way.
        await using var app = CreateApp(new() { ["Jobs:Export:PageSize"] = "100", ["Jobs:Export:MaxPagesPerSecond"] = "10" });
        var user = await app.CreateUserAsync("can");
        var room = NewRoom();
        await SeedAsync(app, room, user.Name, 4000);
        var jobId = (await app.Api.StartRoomExportAsync(user.AccessToken, room, "html")).JobId;
        await Eventually.ReturnsAsync(() => app.Api.GetJobAsync(user.AccessToken, jobId), s => s.Progress > 0, JobTimeout, "the export to make progress");

        await app.Api.CancelJobAsync(user.AccessToken, jobId);

        Assert.Equal(JobStates.Cancelled, (await app.Api.GetJobAsync(user.AccessToken, jobId)).Status);
        // The worker's next reports (every 500 ms) meet the cancellation instead of undoing it; the worker is then
        // free for the next job, which it could not be while the cancelled export still ran.
        var next = (await app.Api.StartRoomExportAsync(user.AccessToken, NewRoom(), "json")).JobId;
        Assert.Equal(JobStates.Succeeded, (await WaitForJobAsync(app, user, next)).Status);
        var cancelled = await app.Api.GetJobAsync(user.AccessToken, jobId);
        Assert.Equal(JobStates.Cancelled, cancelled.Status);
        Assert.True(cancelled.Progress < 1);
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(http, user, HttpMethod.Get, $"/api/jobs/{jobId}/result"));
    }

    [Fact]
    public async Task An_export_needs_a_known_format_and_a_room_the_caller_may_read()
    {
        await using var app = CreateApp();
        var user = await app.CreateUserAsync("bad");
        using var http = app.CreateClient();

        using var badFormat = await PostExportAsync(http, user, NewRoom(), "pdf");
        using var badRoom = await PostExportAsync(http, user, "Not A Room", "json");
        using var othersDirect = await PostExportAsync(http, user, "dm:someone:someoneelse", "json");

        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("json, csv or html", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badRoom.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersDirect.StatusCode);
    }

    private protected ChatApplication CreateApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = ModeSettings();
        all["Chat:History:MaxLength"] = "50000";
        all["Jobs:PollIntervalMilliseconds"] = "50";
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new ChatApplication(all) { TestServices = services };
    }

    protected static string NewRoom() => "exp" + Guid.NewGuid().ToString("N")[..16];

    private static Task<JobStatus> WaitForJobAsync(ChatApplication app, TestUser user, string jobId) =>
        Eventually.ReturnsAsync(() => app.Api.GetJobAsync(user.AccessToken, jobId), status => status.IsFinished, JobTimeout, $"job {jobId} to finish");

    /// <summary>The result as a browser gets it: an attachment named after the room.</summary>
    private static async Task<byte[]> DownloadAsync(ChatApplication app, TestUser user, JobStatus done, string fileName)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, done.ResultUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> PostExportAsync(HttpClient http, TestUser user, string room, string format)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{Uri.EscapeDataString(room)}/exports") { Content = JsonContent.Create(new { format }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        return await http.SendAsync(request);
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, TestUser user, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
