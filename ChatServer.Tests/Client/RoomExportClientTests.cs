using ChatServer.Chat;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Client;

/// <summary><c>ChatApiClient.ExportRoomAsync</c>: one call queues the export, follows it with progress and downloads the file.</summary>
public sealed class RoomExportClientTests
{
    [Fact]
    public async Task ExportRoomAsync_reports_progress_in_order_and_writes_the_whole_file()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?>
        {
            ["Jobs:Export:PageSize"] = "100",
            ["Jobs:Export:MaxPagesPerSecond"] = "20",
            ["Jobs:PollIntervalMilliseconds"] = "50",
        });
        var user = await app.CreateUserAsync("cli");
        var room = "cli" + Guid.NewGuid().ToString("N")[..12];
        var store = app.Services.GetRequiredService<IMessageStore>();
        for (var i = 0; i < 3000; i++)
        {
            await store.PostAsync(new NewMessage(room, user.Name, $"text {i}", null), CancellationToken.None);
        }

        var reported = new SynchronousProgress();
        using var file = new MemoryStream();
        var final = await app.Api.ExportRoomAsync(user.AccessToken, room, "json", file, reported, TimeSpan.FromMilliseconds(100));

        Assert.Equal(JobStates.Succeeded, final.Status);
        Assert.Equal(final, reported.Seen[^1]);
        var progress = reported.Seen.Select(status => status.Progress).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.Contains(reported.Seen, status => status.Status == JobStates.Running && status.Progress is > 0 and < 1);
        var rows = ExportFiles.ReadJson(file.ToArray());
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"text {i}"), rows.Select(row => row.Text));
    }

    /// <summary>Records on the reporting thread, in order (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress : IProgress<JobStatus>
    {
        public List<JobStatus> Seen { get; } = [];

        public void Report(JobStatus value) => Seen.Add(value);
    }
}
