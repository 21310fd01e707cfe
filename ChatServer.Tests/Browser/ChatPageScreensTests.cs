using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// Every main screen of the page at 1280×800 and at 390×844 on a touch phone, light and dark: each one saved as a
/// screenshot under TestResults/screenshots for a reviewer, and checked by axe-core with no serious or critical
/// violation; the page throws nothing along the way.
/// </summary>
public sealed class ChatPageScreensTests(KestrelFixture server, ITestOutputHelper output) : BrowserTests(output), IClassFixture<KestrelFixture>
{
    public override Task InitializeAsync() => LaunchAsync(server.BaseAddress);

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Every_screen_passes_axe_and_is_saved_as_a_screenshot(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (ada, bob, room) = ($"ada_{suffix}", $"bob_{suffix}", $"screens-{suffix}");
        await server.SeedAsync(room, "grace", ["Welcome to the room! The agenda is at https://example.com/agenda.", "Say hi when you get here."]);

        var page = await Browser.OpenAsync(size, "ada");
        var other = await Browser.OpenAsync(PageSize.Desktop, "bob");
        await PageAudit.CheckAsync(page, size, "01-sign-in");

        await SignUpAsync(page, ada);
        await PageAudit.CheckAsync(page, size, "02-no-room");

        await SignUpAsync(other, bob);
        await JoinAsync(other, room);
        await JoinAsync(page, room);
        await SendAsync(page, "Hello! Here at last.");
        await SendAsync(page, "Anyone around?");
        await SendAsync(other, $"Hi {ada}, see https://example.com/notes?id=7 for today's notes.");
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(5);
        await PageAudit.CheckAsync(page, size, "03-room");

        if (size.Phone)
        {
            await page.Locator("#sidebar-open").ClickAsync();
            await Expect(page.Locator("#sidebar")).ToBeInViewportAsync();
            await PageAudit.CheckAsync(page, size, "04-menu");
            await page.Keyboard.PressAsync("Escape");
            await page.Locator("#people-toggle").ClickAsync();
            await Expect(page.Locator("#people")).ToBeInViewportAsync();
            await PageAudit.CheckAsync(page, size, "05-people");
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator("#people")).Not.ToBeInViewportAsync();
        }

        await page.Locator("#leave").ClickAsync();
        await Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync();
        await PageAudit.CheckAsync(page, size, "06-leave-confirmation");
        await page.Locator("#confirm-cancel").ClickAsync();

        await OpenMenuIfNarrowAsync(page);
        await page.Locator("#about-open").ClickAsync();
        await Expect(page.Locator("#about-instance")).Not.ToHaveTextAsync("not known yet");
        await PageAudit.CheckAsync(page, size, "07-about");
        await page.Locator("#about-close").ClickAsync();

        await OpenMenuIfNarrowAsync(page);
        await page.Locator("#dm-input").FillAsync(bob);
        await page.Locator("#dm-open").ClickAsync();
        await Expect(page.Locator("#room-title")).ToHaveTextAsync($"@{bob}");
        await SendAsync(page, "A word in private?");
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(1);
        await PageAudit.CheckAsync(page, size, "08-direct-message");

        // Dark: the toggle goes system → light → dark.
        await OpenMenuIfNarrowAsync(page);
        await page.Locator("#theme-toggle").ClickAsync();
        await page.Locator("#theme-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.Keyboard.PressAsync("Escape");
        await OpenMenuIfNarrowAsync(page);
        await page.Locator($"#joined-rooms [data-room='{room}'] button").ClickAsync();
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(5);
        await PageAudit.CheckAsync(page, size, "09-room-dark");
        await OpenMenuIfNarrowAsync(page);
        await PageAudit.CheckAsync(page, size, "10-sidebar-dark");

        Browser.AssertNoPageErrors();
    }
}
