using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The room export from the page, at 1280×800 and at 390×844 on a touch phone (where the header's buttons are icons
/// and the room's name is not cut): the header's Export opens the dialog,
/// CSV is chosen, the progress bar follows the job's JobUpdated events to the end (nothing else tells the page), and the download link (a Blob
/// fetched with the bearer token) saves a file holding the room's messages; the dialog passes axe.
/// </summary>
public sealed class ChatPageExportTests(KestrelFixture server, ITestOutputHelper output) : BrowserTests(output), IClassFixture<KestrelFixture>
{
    public override Task InitializeAsync() => LaunchAsync(server.BaseAddress);

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_room_exports_as_csv_with_progress_and_downloads_its_messages(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"export-{suffix}";
        await server.SeedAsync(room, "grace", ["First, with a comma", "Second line of the export"]);

        var page = await Browser.OpenAsync(size, "ada");
        await SignUpAsync(page, $"ada_{suffix}");
        await JoinAsync(page, room);
        await SendAsync(page, "Third, from the page");
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(3);

        // The page's one catch-up read of the job gets 404: only the hub's JobUpdated events can bring it to the end.
        // A fast job's first event can come before the POST's answer, and then the page has no need to read it at all.
        var catchUps = 0;
        await page.RouteAsync("**/api/jobs/*", route =>
        {
            Interlocked.Increment(ref catchUps);
            return route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
        });
        // On a phone the header's buttons show icons only: the room's name stays whole, and each keeps its name.
        await PageAudit.AssertWholeAsync(page.Locator("#room-title"), size);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true })).ToBeVisibleAsync();
        if (size.Phone)
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "People 1", Exact = true })).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
        await Expect(page.Locator("#export-dialog")).ToBeVisibleAsync();
        await page.Locator("#export-format").SelectOptionAsync("csv");
        await page.Locator("#export-start").ClickAsync();

        var link = page.Locator("#export-download");
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveTextAsync($"Download {room}.csv");
        await Expect(page.Locator("#export-progress")).ToHaveAttributeAsync("aria-valuetext", "100 %");
        await Expect(page.Locator("#export-status")).ToHaveTextAsync("The export is ready.");
        await Expect(page.Locator("#export-retry")).ToBeHiddenAsync();
        Assert.InRange(Volatile.Read(ref catchUps), 0, 1);
        await PageAudit.CheckAsync(page, size, "11-export");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal($"{room}.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path);
        var first = csv.IndexOf("\"First, with a comma\"", StringComparison.Ordinal);
        var second = csv.IndexOf("Second line of the export", StringComparison.Ordinal);
        var third = csv.IndexOf("Third, from the page", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first && third > second, $"the export holds every message in order:\n{csv}");

        await page.Locator("#export-close").ClickAsync();
        await Expect(page.Locator("#export-dialog")).ToBeHiddenAsync();
        Browser.AssertNoPageErrors();
    }
}
