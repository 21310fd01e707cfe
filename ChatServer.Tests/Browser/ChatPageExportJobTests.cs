using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatServer.Contracts;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The ends of a room export other than success, on a server whose jobs fail and run for real (<see cref="PacedJobsFixture"/>):
/// an export over the result cap fails with the server's error and offers Retry, which succeeds once the long message
/// is deleted; a running export is cancelled from the dialog, the server confirms it, and a new export can start.
/// </summary>
public sealed class ChatPageExportJobTests(PacedJobsFixture server, ITestOutputHelper output) : BrowserTests(output), IClassFixture<PacedJobsFixture>
{
    private const string SessionKey = "chat.session";

    public override Task InitializeAsync() => LaunchAsync(server.BaseAddress);

    [Fact]
    public async Task An_export_over_the_result_cap_shows_the_servers_error_and_a_retry_that_succeeds_once_the_room_is_smaller()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"exportfail-{suffix}";
        var size = PageSize.Desktop;
        var page = await Browser.OpenAsync(size, "ada");
        await SignUpAsync(page, $"ada_{suffix}");
        await JoinAsync(page, room);
        // Alone it makes the CSV larger than the cap (its text is not shortened in the file).
        var longText = "A long message " + new string('x', PacedJobsFixture.MaxResultBytes);
        await SendAsync(page, longText);
        await SendAsync(page, "a short one");
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
        await page.Locator("#export-format").SelectOptionAsync("csv");
        await page.Locator("#export-start").ClickAsync();

        var error = page.Locator("#export-error");
        await Expect(page.Locator("#export-status")).ToHaveTextAsync("The export failed.");
        await Expect(error).ToBeVisibleAsync();
        var status = await JobAsync(page);
        Assert.Equal(JobStates.Failed, status.Status);
        Assert.Equal(1, status.Attempts);
        Assert.Contains($"larger than the limit of {PacedJobsFixture.MaxResultBytes} bytes", status.Error, StringComparison.Ordinal);
        await Expect(error).ToHaveTextAsync(status.Error!);
        await Expect(page.Locator("#export-retry")).ToBeVisibleAsync();
        await Expect(page.Locator("#export-cancel")).ToBeHiddenAsync();
        await Expect(page.Locator("#export-download")).ToBeHiddenAsync();
        await Expect(page.Locator("#export-start")).ToBeEnabledAsync();
        await PageAudit.CheckAsync(page, size, "11-export-failed");

        // The person deletes the long message and comes back: the dialog still shows the failure and its Retry.
        await page.Locator("#export-close").ClickAsync();
        var longId = await page.Locator("#messages .message").Filter(new() { HasText = "A long message" }).GetAttributeAsync("data-id");
        var message = page.Locator($"#messages [data-id='{longId}']");
        await message.HoverAsync();
        await message.GetByTestId("action-delete").ClickAsync();
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(message.GetByTestId("message-text")).ToHaveTextAsync("This message was deleted.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
        await Expect(error).ToHaveTextAsync(status.Error!);

        await page.Locator("#export-retry").ClickAsync();
        var link = page.Locator("#export-download");
        await Expect(link).ToHaveTextAsync($"Download {room}.csv");
        await Expect(page.Locator("#export-status")).ToHaveTextAsync("The export is ready.");
        await Expect(error).ToBeHiddenAsync();
        await Expect(page.Locator("#export-retry")).ToBeHiddenAsync();
        var retried = await JobAsync(page);
        Assert.NotEqual(status.JobId, retried.JobId);
        Assert.Equal(JobStates.Succeeded, retried.Status);

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("a short one", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("A long message", csv, StringComparison.Ordinal);
        Browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_running_export_is_cancelled_from_the_dialog_and_a_new_one_can_start()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"exportcancel-{suffix}";
        // A page a second: a dozen messages keep the export running for about twelve seconds.
        await server.SeedAsync(room, "grace", Enumerable.Range(1, 12).Select(i => $"m{i}"));
        var size = PageSize.Phone390;
        var page = await Browser.OpenAsync(size, "ada");
        await SignUpAsync(page, $"ada_{suffix}");
        await JoinAsync(page, room);
        // A longer name than fits on one line beside the header's buttons wraps rather than being cut.
        await PageAudit.AssertWholeAsync(page.Locator("#room-title"), size);

        await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
        await page.Locator("#export-format").SelectOptionAsync("csv");
        await page.Locator("#export-start").ClickAsync();
        var status = page.Locator("#export-status");
        await Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Exporting… \\d+ %$"));
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel export" });
        await Expect(page.Locator("#export-start")).ToBeDisabledAsync();

        await cancel.ClickAsync();
        await Expect(status).ToHaveTextAsync("The export was cancelled.");
        await Expect(cancel).ToBeHiddenAsync();
        await Expect(page.Locator("#export-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#export-download")).ToBeHiddenAsync();
        await Expect(page.Locator("#export-retry")).ToBeVisibleAsync();
        var cancelled = await JobAsync(page);
        Assert.Equal(JobStates.Cancelled, cancelled.Status);
        Assert.True(cancelled.Progress < 1, $"the job stopped before the end: {cancelled}");
        await PageAudit.CheckAsync(page, size, "11-export-cancelled");

        // The dialog is ready for another export at once (CSV again: a dozen messages as JSON would pass the cap).
        await Expect(page.Locator("#export-start")).ToBeEnabledAsync();
        await page.Locator("#export-start").ClickAsync();
        await Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Waiting for a worker…|Exporting… \\d+ %)$"));
        var next = await JobAsync(page);
        Assert.NotEqual(cancelled.JobId, next.JobId);
        Assert.Contains(next.Status, new[] { JobStates.Queued, JobStates.Running });
        await cancel.ClickAsync();
        await Expect(status).ToHaveTextAsync("The export was cancelled.");
        Assert.Equal(JobStates.Cancelled, (await JobAsync(page)).Status);
        Browser.AssertNoPageErrors();
    }

    /// <summary>The job the export dialog shows, as <c>GET /api/jobs/{jobId}</c> reports it to the page's signed-in user.</summary>
    private async Task<JobStatus> JobAsync(IPage page)
    {
        var jobId = await page.Locator("#export-job").GetAttributeAsync("data-job-id");
        Assert.False(string.IsNullOrEmpty(jobId), "the export dialog names no job");
        var token = await page.EvaluateAsync<string>($"() => JSON.parse(localStorage.getItem('{SessionKey}')).accessToken");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.GetFromJsonAsync<JobStatus>($"api/jobs/{jobId}") ?? throw new InvalidOperationException($"no body for job {jobId}");
    }
}
