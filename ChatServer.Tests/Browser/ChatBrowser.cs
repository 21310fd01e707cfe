using System.Collections.Concurrent;
using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// Headless Chromium with chat pages open at a <see cref="PageSize"/>, each recording its console errors, page errors
/// and the hub methods it invoked (JSON protocol frames), so a test can check what the page did as well as what it shows.
/// </summary>
internal sealed class ChatBrowser : IAsyncDisposable
{
    public const float TimeoutMs = 10_000;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _baseAddress;
    private readonly List<string> _log = [];
    private readonly ConcurrentDictionary<IPage, List<string>> _frames = new();

    private ChatBrowser(IPlaywright playwright, IBrowser browser, Uri baseAddress)
    {
        _playwright = playwright;
        _browser = browser;
        _baseAddress = baseAddress;
    }

    public static async Task<ChatBrowser> LaunchAsync(Uri baseAddress)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await HeadlessChromium.LaunchAsync(playwright);
        SetDefaultExpectTimeout(TimeoutMs);
        return new ChatBrowser(playwright, browser, baseAddress);
    }

    /// <summary>Everything the pages logged as errors or warnings, and their uncaught errors.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>The chat page in a new browser context (its own storage: another person) at the given size.</summary>
    public async Task<IPage> OpenAsync(PageSize size, string name, ColorScheme colorScheme = ColorScheme.Light, string path = "/")
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
            IsMobile = size.Phone,
            HasTouch = size.Phone,
            ColorScheme = colorScheme,
        });
        return await OpenInAsync(context, name, path);
    }

    /// <summary>Two people in one room: ada's page at <paramref name="size"/>, bob's on a desktop, both signed up and joined.</summary>
    public async Task<(IPage Ada, IPage Bob)> TwoInRoomAsync(PageSize size, string ada, string bob, string room)
    {
        var page = await OpenAsync(size, "ada");
        var other = await OpenAsync(PageSize.Desktop, "bob");
        await ChatPageSteps.SignUpAsync(page, ada);
        await ChatPageSteps.SignUpAsync(other, bob);
        await ChatPageSteps.JoinAsync(page, room);
        await ChatPageSteps.JoinAsync(other, room);
        return (page, other);
    }

    /// <summary>Another tab of the same browser as <paramref name="page"/>: it shares its storage.</summary>
    public Task<IPage> OpenTabAsync(IPage page, string name) => OpenInAsync(page.Context, name, "/");

    /// <summary>How many times the page invoked the hub method (JSON protocol frames sent on its WebSockets).</summary>
    public int HubCalls(IPage page, string method)
    {
        var frames = _frames[page];
        var target = $"\"target\":\"{method}\"";
        lock (frames)
        {
            return frames.Sum(frame => frame.Split('\u001e').Count(message => message.Contains(target, StringComparison.Ordinal)));
        }
    }

    public void AssertNoPageErrors() =>
        Assert.False(Log.Contains("[pageerror]", StringComparison.Ordinal), $"the page threw:\n{Log}");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> OpenInAsync(IBrowserContext context, string name, string path)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(TimeoutMs);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Add($"[{name} console.{message.Type}] {message.Text}");
            }
        };
        page.PageError += (_, error) => Add($"[{name} pageerror] {error}");
        var frames = _frames.GetOrAdd(page, _ => []);
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            lock (frames)
            {
                frames.Add(frame.Text ?? string.Empty);
            }
        };
        await page.GotoAsync(path);
        return page;
    }

    private void Add(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }
}
