using System.Text.Json;
using System.Text.RegularExpressions;
using ChatServer.Chat;
using Microsoft.Extensions.DependencyInjection;
using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The real page in headless Chromium against the real server on a Kestrel port: two people in separate
/// browser contexts (sign-up, presence, typing, room messages and a direct message both ways), markup shown
/// as text, and older history loaded on scroll-up.
/// </summary>
public sealed class ChatPageBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float ExpectTimeoutMs = 10_000;

    private readonly List<string> browserLog = [];
    private readonly Dictionary<IPage, List<string>> framesSent = [];
    private KestrelChatApplication? app;
    private NginxFrontProxy? nginx;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private Uri baseAddress = null!;

    public async Task InitializeAsync()
    {
        app = new KestrelChatApplication();
        baseAddress = app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await HeadlessChromium.LaunchAsync(playwright);
        SetDefaultExpectTimeout(ExpectTimeoutMs);
    }

    public async Task DisposeAsync()
    {
        foreach (var line in browserLog)
        {
            output.WriteLine(line);
        }
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        if (nginx is not null)
        {
            await nginx.DisposeAsync();
        }
        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_users_see_each_other_typing_and_chatting_in_a_room_and_in_a_direct_message(bool throughNginx)
    {
        if (throughNginx)
        {
            // Same origin behind a reverse proxy: the page uses only relative URLs, and every hub transport must pass it.
            nginx = await NginxFrontProxy.StartAsync(baseAddress, CancellationToken.None);
            baseAddress = nginx.BaseAddress;
        }
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var alice = $"alice_{suffix}";
        var bob = $"bob_{suffix}";
        var room = $"room-{suffix}";

        var pageA = await OpenPageAsync("A");
        var pageB = await OpenPageAsync("B");

        await SignUpAsync(pageA, alice);
        await SignUpAsync(pageB, bob);

        await JoinAsync(pageA, room);
        await JoinAsync(pageB, room);

        // Presence: each sees the other (A through the UserJoined event, B through the snapshot).
        await Expect(pageA.Locator("#presence")).ToContainTextAsync(bob);
        await Expect(pageB.Locator("#presence")).ToContainTextAsync(alice);
        // The sidebar's count for a joined room follows presence events, like the header's.
        await Expect(pageB.Locator($"#joined-rooms [data-room='{room}']")).ToContainTextAsync("2 online");
        await Expect(pageA.Locator($"#joined-rooms [data-room='{room}']")).ToContainTextAsync("2 online");

        // Typing: A types, B is told; StartTyping is throttled (not one call per key); sending sends StopTyping.
        await pageA.Locator("#composer").PressSequentiallyAsync("Hello Bob");
        await Expect(pageB.Locator("#typing")).ToContainTextAsync($"{alice} is typing");
        Assert.InRange(CountHubCalls(pageA, "StartTyping"), 1, "Hello Bob".Length - 1);
        var fromA = $"Hello Bob, this is {alice}";
        await pageA.Locator("#composer").FillAsync(fromA + "\nsecond line");
        await pageA.Locator("#send").ClickAsync();

        await Expect(pageB.Locator("#messages")).ToContainTextAsync(fromA);
        await Expect(pageB.Locator("#typing")).ToHaveTextAsync("");
        await WaitForHubCallsAsync(pageA, "StopTyping", 1);

        // Leaving the composer (blur) also stops typing.
        await pageA.Locator("#composer").PressSequentiallyAsync("hmm");
        await Expect(pageB.Locator("#typing")).ToContainTextAsync($"{alice} is typing");
        await pageA.Locator("#room-input").FocusAsync();
        await WaitForHubCallsAsync(pageA, "StopTyping", 2);
        await Expect(pageB.Locator("#typing")).ToHaveTextAsync("");
        await pageA.Locator("#composer").FillAsync("");
        // The sender sees it once: the invoke result and the broadcast are the same message id.
        await Expect(pageA.Locator("#messages .message.own", new() { HasText = fromA })).ToHaveCountAsync(1);
        await Expect(pageA.Locator("#pending li")).ToHaveCountAsync(0);
        await Expect(pageB.Locator("#messages .message", new() { HasText = fromA })).ToHaveCountAsync(1);
        await Expect(pageB.Locator("#messages .message", new() { HasText = fromA }).Locator(".text"))
            .ToHaveJSPropertyAsync("innerText", fromA + "\nsecond line");

        // B answers with markup, which must show as text.
        var fromB = $"<b>hi</b> & welcome, {alice}";
        await pageB.Locator("#composer").FillAsync(fromB);
        await pageB.Locator("#composer").PressAsync("Enter");
        await Expect(pageA.Locator("#messages")).ToContainTextAsync(fromB);
        await Expect(pageA.Locator("#messages b")).ToHaveCountAsync(0);
        await Expect(pageB.Locator("#messages .message.own", new() { HasText = fromB })).ToHaveCountAsync(1);

        // Direct message: A opens it by name, B opens the same room and reads it, then answers.
        await pageA.Locator("#dm-input").FillAsync(bob);
        await pageA.Locator("#dm-open").ClickAsync();
        await Expect(pageA.Locator("#room-title")).ToHaveTextAsync(new Regex($"^@{bob}$", RegexOptions.IgnoreCase));
        var dmFromA = $"Psst {bob}, a private note";
        await SendAsync(pageA, dmFromA);
        await Expect(pageA.Locator("#messages .message.own", new() { HasText = dmFromA })).ToHaveCountAsync(1);

        // B did nothing: the DM turns up in B's list (room directory poll, here forced by the refresh button)
        // with the message counted as unread, and opens from there.
        var dmRoom = $"dm:{alice}:{bob}";
        await pageB.Locator("#refresh-rooms").ClickAsync();
        var dmEntry = pageB.Locator($"#dm-list [data-room='{dmRoom}']");
        await Expect(dmEntry.Locator(".badge")).ToHaveTextAsync("1");
        await dmEntry.Locator("button").ClickAsync();
        await Expect(pageB.Locator("#room-title")).ToHaveTextAsync(new Regex($"^@{alice}$", RegexOptions.IgnoreCase));
        await Expect(pageB.Locator("#messages")).ToContainTextAsync(dmFromA);
        await Expect(pageB.Locator("#dm-list")).ToContainTextAsync(alice, new() { IgnoreCase = true });

        var dmFromB = $"Got it, {alice}";
        await SendAsync(pageB, dmFromB);
        await Expect(pageA.Locator("#messages")).ToContainTextAsync(dmFromB);
        await Expect(pageA.Locator("#messages .message", new() { HasText = dmFromB })).ToHaveCountAsync(1);

        // A message in the room while B looks at the DM counts as unread for B.
        await pageA.Locator($"#joined-rooms [data-room='{room}'] button").ClickAsync();
        await SendAsync(pageA, "anyone still here?");
        await Expect(pageB.Locator($"#joined-rooms [data-room='{room}'] .badge")).ToHaveTextAsync("1");

        Assert.DoesNotContain(browserLog, line => line.Contains("[pageerror]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markup_in_a_message_is_shown_as_text_and_never_runs()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"xss-{suffix}";
        var pageA = await OpenPageAsync("A");
        var pageB = await OpenPageAsync("B");
        var dialogs = 0;
        pageA.Dialog += (_, _) => Interlocked.Increment(ref dialogs);
        pageB.Dialog += (_, _) => Interlocked.Increment(ref dialogs);
        await SignUpAsync(pageA, $"mallory_{suffix}");
        await SignUpAsync(pageB, $"victim_{suffix}");
        await JoinAsync(pageA, room);
        await JoinAsync(pageB, room);

        const string payload = "<img src=x onerror=alert(1)><script>window.__xss = 1</script><b onmouseover=\"window.__xss = 2\">bold</b>";
        await SendAsync(pageA, payload);

        foreach (var page in new[] { pageA, pageB })
        {
            var shown = page.Locator("#messages .message .text", new() { HasText = "onerror=alert(1)" });
            await Expect(shown).ToHaveCountAsync(1);
            await Expect(shown).ToHaveTextAsync(payload);
            await Expect(page.Locator("#messages img, #messages script, #messages b")).ToHaveCountAsync(0);
            await page.Locator("#messages .message .text").Last.HoverAsync();
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        }
        Assert.Equal(0, Volatile.Read(ref dialogs));
        Assert.DoesNotContain(browserLog, line => line.Contains("[pageerror]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrolling_up_loads_older_history_until_the_beginning_each_message_once_in_order()
    {
        const int total = 120;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"history-{suffix}";
        // Seeded through the server's own store: the hub's rate limit would make 120 sends slow.
        var store = app!.Services.GetRequiredService<IMessageStore>();
        for (var i = 1; i <= total; i++)
        {
            await store.PostAsync(new NewMessage(room, "seeder", $"seeded {i:D3}", null), CancellationToken.None);
        }

        var page = await OpenPageAsync("A");
        await SignUpAsync(page, $"reader_{suffix}");
        await JoinAsync(page, room);
        var messages = page.Locator("#messages .message");
        await Expect(messages).ToHaveCountAsync(50);
        await Expect(messages.Last).ToContainTextAsync($"seeded {total:D3}");
        await Expect(page.Locator("#history-start")).ToBeHiddenAsync();

        // Each scroll to the top asks for the page before the oldest message shown.
        foreach (var expected in new[] { 100, total })
        {
            await page.Locator("#message-scroller").EvaluateAsync("el => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }");
            await Expect(messages).ToHaveCountAsync(expected);
        }
        await Expect(page.Locator("#history-start")).ToBeVisibleAsync();
        await Expect(page.Locator("#load-older")).ToBeHiddenAsync();

        var texts = await page.Locator("#messages .message .text").AllTextContentsAsync();
        Assert.Equal(Enumerable.Range(1, total).Select(i => $"seeded {i:D3}"), texts);
        var ids = JsonSerializer.Deserialize<string[]>(
            await page.EvaluateAsync<string>("() => JSON.stringify([...document.querySelectorAll('#messages .message')].map(m => m.dataset.id))"))!;
        Assert.Equal(total, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task After_a_dropped_connection_the_page_reconnects_and_shows_what_it_missed_once()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"resume-{suffix}";
        var pageA = await OpenPageAsync("A");
        var pageB = await OpenPageAsync("B");
        // Lets the test cut B's live socket the way a network drop would (the page cannot tell the difference).
        await pageB.Context.AddInitScriptAsync(SocketRecorder);
        await pageB.ReloadAsync();
        await SignUpAsync(pageA, $"sender_{suffix}");
        await SignUpAsync(pageB, $"dropper_{suffix}");
        await JoinAsync(pageA, room);
        await JoinAsync(pageB, room);
        await SendAsync(pageA, "before the drop");
        await Expect(pageB.Locator("#messages")).ToContainTextAsync("before the drop");

        // While B is away its reconnect attempts fail, so the next message can only reach it by the resume.
        var offline = true;
        await pageB.RouteAsync("**/hubs/chat/negotiate**", route => Volatile.Read(ref offline) ? route.AbortAsync() : route.ContinueAsync());
        await pageB.EvaluateAsync("() => window.__sockets.forEach(s => s.close())");
        await Expect(pageB.Locator("#banner")).ToHaveAttributeAsync("data-state", "reconnecting");
        await Expect(pageA.Locator("#presence")).Not.ToContainTextAsync($"dropper_{suffix}");
        await SendAsync(pageA, "sent while you were away");
        await Expect(pageA.Locator("#messages .message", new() { HasText = "sent while you were away" })).ToHaveCountAsync(1);

        Volatile.Write(ref offline, false);
        // Automatic reconnect backs off (about 1, 2, 4 s), so allow for a few attempts.
        var reconnectTimeout = new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 };
        await Expect(pageB.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected", reconnectTimeout);
        await Expect(pageB.Locator("#messages .message", new() { HasText = "sent while you were away" })).ToHaveCountAsync(1);
        await Expect(pageB.Locator("#messages .message", new() { HasText = "before the drop" })).ToHaveCountAsync(1);
        await Expect(pageA.Locator("#presence")).ToContainTextAsync($"dropper_{suffix}");

        await SendAsync(pageB, "back again");
        await Expect(pageA.Locator("#messages .message", new() { HasText = "back again" })).ToHaveCountAsync(1);
        await Expect(pageB.Locator("#messages .message", new() { HasText = "back again" })).ToHaveCountAsync(1);
    }

    private async Task<IPage> OpenPageAsync(string name)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(ExpectTimeoutMs);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (browserLog)
                {
                    browserLog.Add($"[{name} console.{message.Type}] {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (browserLog)
            {
                browserLog.Add($"[{name} pageerror] {error}");
            }
        };
        // Records hub invocations on the wire (JSON protocol frames), so the tests can tell which calls the page made.
        var frames = new List<string>();
        framesSent[page] = frames;
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            lock (frames)
            {
                frames.Add(frame.Text ?? string.Empty);
            }
        };
        await page.GotoAsync("/");
        return page;
    }

    private int CountHubCalls(IPage page, string method)
    {
        var frames = framesSent[page];
        var target = $"\"target\":\"{method}\"";
        lock (frames)
        {
            return frames.Sum(frame => frame.Split('\u001e').Count(message => message.Contains(target, StringComparison.Ordinal)));
        }
    }

    private async Task WaitForHubCallsAsync(IPage page, string method, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(ExpectTimeoutMs);
        while (CountHubCalls(page, method) < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the page sent {method} {CountHubCalls(page, method)} times, expected at least {atLeast}");
            await Task.Delay(50);
        }
    }
}
