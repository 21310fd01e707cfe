using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The page on the MessagePack hub protocol (<c>?protocol=messagepack</c>), chatting with a JSON .NET client, under
/// the server's Content-Security-Policy (no inline script or style) without a single violation.
/// </summary>
public sealed class ChatPageProtocolTests : IAsyncLifetime
{
    private KestrelChatApplication? app;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private Uri baseAddress = null!;

    public async Task InitializeAsync()
    {
        app = new KestrelChatApplication();
        baseAddress = app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await HeadlessChromium.LaunchAsync(playwright);
        SetDefaultExpectTimeout(10_000);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_page_on_messagepack_chats_with_a_json_client_in_order_and_speaks_binary_frames()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"room-{suffix}";
        var page = await (await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() })).NewPageAsync();
        await page.AddInitScriptAsync("window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        var binaryFrames = 0;
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            if (frame.Binary is { Length: > 0 })
            {
                Interlocked.Increment(ref binaryFrames);
            }
        };
        var document = await page.GotoAsync("/?protocol=messagepack");
        Assert.Contains("script-src 'self';", document!.Headers["content-security-policy"], StringComparison.Ordinal);
        await SignUpAsync(page, $"ada_{suffix}");
        await JoinAsync(page, room);

        using var http = new HttpClient { BaseAddress = baseAddress };
        var bob = await new ChatApiClient(http).RegisterOrLoginAsync($"bob_{suffix}", ChatApplication.Password);
        await using var bobClient = TestClients.Create(baseAddress, bob.AccessToken, protocol: ChatProtocol.Json);
        var bobTab = new RecordedConnection(bobClient);
        await bobClient.StartAsync();
        await bobClient.JoinRoomAsync(room);

        await SendAsync(page, "from the binary page");
        Assert.Equal("from the binary page", (await bobTab.WaitForAsync<HubEvent.Message>()).Value.Text);
        for (var i = 0; i < 5; i++)
        {
            await bobClient.SendMessageAsync(room, $"json {i}");
        }

        var texts = page.Locator("#messages .message .text");
        await Expect(texts).ToHaveTextAsync(["from the binary page", "json 0", "json 1", "json 2", "json 3", "json 4"]);
        // The time shown comes from sentAt, which MessagePack carries as a timestamp, not a string. (The pattern runs
        // in the browser, where $ is the end of the text.)
        await Expect(page.Locator("#messages .message time").Last).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"));
        Assert.True(Volatile.Read(ref binaryFrames) > 0, "the page received no binary WebSocket frame");

        // The choice is remembered: a reload without the parameter stays on MessagePack.
        Assert.Equal("messagepack", await page.EvaluateAsync<string>("() => localStorage.getItem('chat.protocol')"));
        Assert.Equal("[]", await page.EvaluateAsync<string>("() => JSON.stringify(window.cspViolations)"));
    }
}
