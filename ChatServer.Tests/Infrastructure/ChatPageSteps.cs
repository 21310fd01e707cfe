using ChatServer.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Infrastructure;

/// <summary>What a person does on the chat page (wwwroot/index.html), step by step, waiting for the page to show it.</summary>
internal static class ChatPageSteps
{
    /// <summary>An init script that lets a test cut the page's live sockets the way a network drop would (window.__sockets).</summary>
    public const string SocketRecorder =
        "(() => { const Native = window.WebSocket; window.__sockets = [];" +
        " window.WebSocket = class extends Native { constructor(...a) { super(...a); window.__sockets.push(this); } }; })()";

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
        await OpenMenuIfNarrowAsync(page);
        await page.Locator("#room-input").FillAsync(room);
        await page.Locator("#join").ClickAsync();
        try
        {
            await Expect(page.Locator("#room-title")).ToHaveTextAsync($"#{room}");
        }
        catch (PlaywrightException exception)
        {
            // A join the server or the connection refused takes the room away again and says why under the form.
            var why = await page.Locator("#room-error").TextContentAsync();
            var connection = await page.Locator("#banner").GetAttributeAsync("data-state");
            throw new Xunit.Sdk.XunitException($"Joining {room} did not show it (room error: \"{why}\", connection: {connection}).\n{exception.Message}");
        }

        await Expect(page.Locator("#room-online")).ToContainTextAsync("online");
    }

    /// <summary>On a phone the sidebar is a drawer: opens it (its forms and room lists are in it).</summary>
    public static async Task OpenMenuIfNarrowAsync(IPage page)
    {
        if (await page.Locator("#sidebar-open").IsVisibleAsync() && await page.Locator("body.sidebar-open").CountAsync() == 0)
        {
            await page.Locator("#sidebar-open").ClickAsync();
            await Expect(page.Locator("#sidebar")).ToBeInViewportAsync();
        }
    }

    /// <summary>Closes the phone's menu drawer when it is open (Escape, as a keyboard user would).</summary>
    public static async Task CloseMenuIfNarrowAsync(IPage page)
    {
        if (await page.Locator("body.sidebar-open").CountAsync() > 0)
        {
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator("body.sidebar-open")).ToHaveCountAsync(0);
        }
    }

    /// <summary>A sent message in the conversation whose text (or quote) contains <paramref name="text"/>.</summary>
    public static ILocator Message(IPage page, string text) =>
        page.Locator("#messages [data-testid='message']").Filter(new LocatorFilterOptions { HasText = text });

    /// <summary>The server instance holding the page's connection, as the about view shows it (then closed again).</summary>
    public static async Task<string> ServerInstanceAsync(IPage page)
    {
        await OpenMenuIfNarrowAsync(page);
        await page.Locator("#about-open").ClickAsync();
        var instance = page.Locator("#about-instance");
        await Expect(instance).Not.ToHaveTextAsync("not known yet");
        var text = await instance.TextContentAsync() ?? string.Empty;
        await page.Locator("#about-close").ClickAsync();
        await Expect(page.Locator("#about-dialog")).ToBeHiddenAsync();
        return text;
    }

    public static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#composer").FillAsync(text);
        await page.Locator("#send").ClickAsync();
    }

    /// <summary>Hover shows the bar with a mouse; a touch phone has "⋯" instead.</summary>
    public static async Task OpenActionsAsync(ILocator message, PageSize size)
    {
        if (size.Phone)
        {
            if (await message.GetByTestId("more-actions").GetAttributeAsync("aria-expanded") != "true")
            {
                await message.GetByTestId("more-actions").ClickAsync();
            }
        }
        else
        {
            await message.HoverAsync();
        }
        await Expect(message.GetByTestId("message-actions")).ToBeVisibleAsync();
    }
}
