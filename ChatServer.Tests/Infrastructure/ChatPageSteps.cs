using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Infrastructure;

/// <summary>What a person does on the chat page (wwwroot/index.html), step by step, waiting for the page to show it.</summary>
internal static class ChatPageSteps
{
    public static async Task SignUpAsync(IPage page, string userName)
    {
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync("correct horse battery");
        await page.Locator("#register").ClickAsync();
        await Expect(page.Locator("#me")).ToHaveTextAsync(userName);
        await Expect(page.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected");
    }

    public static async Task JoinAsync(IPage page, string room)
    {
        await page.Locator("#room-input").FillAsync(room);
        await page.Locator("#join").ClickAsync();
        await Expect(page.Locator("#room-title")).ToHaveTextAsync($"#{room}");
        await Expect(page.Locator("#room-online")).ToContainTextAsync("online");
    }

    public static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#composer").FillAsync(text);
        await page.Locator("#send").ClickAsync();
    }
}
