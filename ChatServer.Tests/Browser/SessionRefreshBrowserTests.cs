using System.Net;
using System.Net.Http.Json;
using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The page with access tokens that last seconds: it renews them with its refresh token before they expire (and once
/// when the server refuses one), the hub's close at expiry goes unnoticed, and logging out ends the session on the
/// server. The user never sees "session expired" while the session is alive.
/// </summary>
public sealed class SessionRefreshBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LifetimeSeconds = 3;
    private const float ExpectTimeoutMs = 10_000;

    private readonly List<string> _log = [];
    private readonly List<string> _requests = [];
    private KestrelChatApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        _app = new KestrelChatApplication(new Dictionary<string, string?>
        {
            ["Chat:Auth:TokenLifetimeSeconds"] = LifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Chat:Auth:ClockSkewSeconds"] = "0",
        });
        _baseAddress = _app.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
        SetDefaultExpectTimeout(ExpectTimeoutMs);
    }

    public async Task DisposeAsync()
    {
        lock (_log)
        {
            _log.ForEach(output.WriteLine);
        }

        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_page_keeps_chatting_across_several_token_lifetimes_and_a_reload_without_signing_out()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"refresh-{suffix}";
        var page = await OpenPageAsync();
        await SignUpAsync(page, $"steady_{suffix}");
        await JoinAsync(page, room);
        await SendAsync(page, "first token");
        await Expect(page.Locator("#messages .message.own", new() { HasText = "first token" })).ToHaveCountAsync(1);

        // Well past the first token's expiry: the hub closed the connection at least once meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(LifetimeSeconds * 3));
        await SendAsync(page, "after three lifetimes");

        await Expect(page.Locator("#messages .message.own", new() { HasText = "after three lifetimes" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#pending li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#app-view")).ToBeVisibleAsync();
        Assert.True(CountRequests("/api/auth/refresh") >= 2, $"refresh requests: {CountRequests("/api/auth/refresh")}");
        Assert.DoesNotContain(_log, line => line.Contains("session has expired", StringComparison.OrdinalIgnoreCase));

        // A reload long after the stored access token expired resumes the session with the refresh token.
        await Task.Delay(TimeSpan.FromSeconds(LifetimeSeconds + 1));
        await page.ReloadAsync();
        await Expect(page.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected");
        await SendAsync(page, "after a reload");
        await Expect(page.Locator("#messages .message.own", new() { HasText = "after a reload" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#auth-error")).ToBeHiddenAsync();
        Assert.DoesNotContain(_log, line => line.Contains("[pageerror]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_tabs_share_one_session_and_renew_it_in_turn_without_ending_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var room = $"tabs-{suffix}";
        var first = await OpenPageAsync();
        await SignUpAsync(first, $"twin_{suffix}");
        await JoinAsync(first, room);
        var second = await OpenPageAsync(first.Context);
        await Expect(second.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected");

        // Each refresh token works once, and a second use ends the session: the tabs must take turns, the later one
        // taking the pair the earlier one stored.
        await Task.Delay(TimeSpan.FromSeconds(LifetimeSeconds * 3));
        await SendAsync(first, "from the first tab");
        await SendAsync(second, "from the second tab");

        foreach (var page in new[] { first, second })
        {
            await Expect(page.Locator("#messages .message.own")).ToHaveCountAsync(2);
            await Expect(page.Locator("#app-view")).ToBeVisibleAsync();
        }
        Assert.True(CountRequests("/api/auth/refresh") >= 2, $"refresh requests: {CountRequests("/api/auth/refresh")}");
        Assert.DoesNotContain(_log, line => line.Contains("[pageerror]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_token_is_renewed_once_instead_of_signing_out_and_logout_ends_the_session_on_the_server()
    {
        var page = await OpenPageAsync();
        // The server refuses the first negotiate, as it would a token signed with a key it cannot find.
        var refusals = 1;
        await page.RouteAsync("**/hubs/chat/negotiate**", route =>
            Interlocked.Decrement(ref refusals) >= 0 ? route.FulfillAsync(new() { Status = 401 }) : route.ContinueAsync());

        await SignUpAsync(page, $"refused_{Guid.NewGuid().ToString("N")[..8]}");

        Assert.Equal(1, CountRequests("/api/auth/refresh"));
        var refreshToken = await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('chat.session')).refreshToken");
        Assert.False(string.IsNullOrEmpty(refreshToken));

        var logout = await page.RunAndWaitForResponseAsync(() => page.Locator("#logout").ClickAsync(), response => response.Url.EndsWith("/api/auth/logout", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.NoContent, logout.Status);
        await Expect(page.Locator("#auth-view")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('chat.session')"));
        using var http = new HttpClient { BaseAddress = _baseAddress };
        using var refresh = await http.PostAsJsonAsync("api/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    private int CountRequests(string path)
    {
        lock (_requests)
        {
            return _requests.Count(url => new Uri(url).AbsolutePath == path);
        }
    }

    /// <summary>The page in a new browser context, or as another tab of <paramref name="context"/> (sharing its storage).</summary>
    private async Task<IPage> OpenPageAsync(IBrowserContext? context = null)
    {
        context ??= await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(ExpectTimeoutMs);
        page.Console += (_, message) =>
        {
            lock (_log)
            {
                _log.Add($"[console.{message.Type}] {message.Text}");
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_log)
            {
                _log.Add($"[pageerror] {error}");
            }
        };
        page.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add(request.Url);
            }
        };
        await page.GotoAsync("/");
        return page;
    }
}
