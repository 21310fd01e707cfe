using ChatServer.Tests.Infrastructure;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// Messages on their way, at both sizes: refused by the rate limit they wait what the server said and go again by
/// themselves, in the order written; and a server restart in memory mode, which forgets every account and session,
/// keeps the queued message and asks the user to sign in again, after which it is sent once.
/// </summary>
public sealed class ChatPageOutboxTests(ITestOutputHelper output) : BrowserTests(output)
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(40);

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly List<KestrelChatApplication> _apps = [];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Rate_limited_messages_wait_as_told_and_go_again_by_themselves_in_order(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var baseAddress = Start(new Dictionary<string, string?>
        {
            ["Chat:RateLimit:MessagesPerSecond"] = "1",
            ["Chat:RateLimit:Burst"] = "2",
        });
        await LaunchAsync(baseAddress);
        var room = $"limited-{_suffix}";
        var (page, other) = await Browser.TwoInRoomAsync(size, $"ada_{_suffix}", $"bob_{_suffix}", room);

        var texts = Enumerable.Range(1, 6).Select(i => $"message {i} of 6").ToArray();
        foreach (var text in texts)
        {
            await page.Locator("#composer").FillAsync(text);
            await page.Locator("#composer").PressAsync("Enter");
        }

        // Refused for now: the message says why and that it goes again by itself; nothing behind it overtakes it.
        var waiting = page.Locator("#pending [data-status='waiting']");
        await Expect(waiting.First).ToContainTextAsync("Rate limit exceeded");
        await Expect(waiting.First).ToContainTextAsync("sending again by itself");
        await PageAudit.CheckAsync(page, size, "12-rate-limited");

        var sent = page.Locator("#messages .message .text");
        await Expect(sent).ToHaveTextAsync(texts, new() { Timeout = (float)Slow.TotalMilliseconds });
        await Expect(page.Locator("#pending li")).ToHaveCountAsync(0);
        await Expect(other.Locator("#messages .message .text")).ToHaveTextAsync(texts);
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task After_a_memory_mode_restart_the_queued_message_waits_for_sign_in_and_is_sent_once(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var port = ChatServerProcess.FreePort();
        var (user, room) = ($"ada_{_suffix}", $"restart-{_suffix}");
        await LaunchAsync(Start(port: port));
        var page = await Browser.OpenAsync(size, "ada");
        await SignUpAsync(page, user);
        await JoinAsync(page, room);
        await SendAsync(page, "before the restart");
        await Expect(page.Locator("#messages .message.own")).ToHaveCountAsync(1);

        await _apps[0].DisposeAsync();
        _apps.RemoveAt(0);
        await Expect(page.Locator("#banner")).Not.ToHaveAttributeAsync("data-state", "connected");
        const string queued = "written while the server was down";
        await SendAsync(page, queued);
        await Expect(page.Locator("#pending li", new() { HasText = queued })).ToHaveCountAsync(1);

        // The new process knows no session, no signing key, no account: the page says so and keeps the message.
        Start(port: port);
        var notice = page.Locator("#auth-notice");
        await Expect(notice).ToContainTextAsync("This server keeps accounts in memory", new() { Timeout = (float)Slow.TotalMilliseconds });
        await Expect(notice).ToContainTextAsync($"Your unsent message is kept: it goes out once you are signed in as {user} again.");
        await PageAudit.CheckAsync(page, size, "13-session-ended");

        await SignUpAsync(page, user);
        await Expect(page.Locator("#messages .message.own", new() { HasText = queued })).ToHaveCountAsync(1);
        await Expect(page.Locator("#pending li")).ToHaveCountAsync(0);

        var other = await Browser.OpenAsync(PageSize.Desktop, "bob");
        await SignUpAsync(other, $"bob_{_suffix}");
        await JoinAsync(other, room);
        await Expect(other.Locator("#messages .message", new() { HasText = queued })).ToHaveCountAsync(1);
        Browser.AssertNoPageErrors();
    }

    private Uri Start(IReadOnlyDictionary<string, string?>? settings = null, int port = 0)
    {
        var app = new KestrelChatApplication(settings, port);
        _apps.Add(app);
        return app.Start();
    }
}
