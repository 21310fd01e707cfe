using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The defects people noticed on the page (issue 16 §2), each checked at 1280×800 and on a 390×844 touch phone: the
/// banner's instance id, sidebar counts that lagged, unsafe or missing links, drawers and dialogs without Escape or
/// focus, a DM button only on hover, silent empty states, and a second tab that had to sign in again.
/// </summary>
public sealed class ChatPageFixesTests(KestrelFixture server, ITestOutputHelper output) : BrowserTests(output), IClassFixture<KestrelFixture>
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public override Task InitializeAsync() => LaunchAsync(server.BaseAddress);

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_banner_shows_the_connection_state_only_and_the_about_view_names_the_instance(string sizeName)
    {
        var page = await Browser.OpenAsync(PageSize.Named(sizeName), "ada");
        await SignUpAsync(page, $"ada_{_suffix}");
        await JoinAsync(page, $"about-{_suffix}");

        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        var instance = await ServerInstanceAsync(page);
        Assert.False(string.IsNullOrWhiteSpace(instance));
        Assert.DoesNotContain(instance, await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Sidebar_online_counts_follow_presence_events_and_leaving_asks_first(string sizeName)
    {
        var room = $"presence-{_suffix}";
        var page = await Browser.OpenAsync(PageSize.Named(sizeName), "ada");
        var other = await Browser.OpenAsync(PageSize.Desktop, "bob");
        await SignUpAsync(page, $"ada_{_suffix}");
        await SignUpAsync(other, $"bob_{_suffix}");
        await JoinAsync(page, room);
        var entry = page.Locator($"#joined-rooms [data-room='{room}']");
        await Expect(entry).ToContainTextAsync("1 online");
        var listed = Browser.HubCalls(page, "ListRooms");

        await JoinAsync(other, room);
        await Expect(entry).ToContainTextAsync("2 online");
        await other.Locator("#leave").ClickAsync();
        await other.Locator("#confirm-ok").ClickAsync();
        await Expect(entry).ToContainTextAsync("1 online");
        Assert.Equal(listed, Browser.HubCalls(page, "ListRooms"));

        // Leave asks first: cancelling keeps the room, confirming leaves it.
        await page.Locator("#leave").ClickAsync();
        await Expect(page.Locator("#confirm-title")).ToHaveTextAsync($"Leave #{room}?");
        await page.Locator("#confirm-cancel").ClickAsync();
        await Expect(page.Locator("#room-title")).ToHaveTextAsync($"#{room}");
        await page.Locator("#leave").ClickAsync();
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(entry).ToHaveCountAsync(0);
        await Expect(page.Locator("#room-title")).ToHaveTextAsync("No room selected");
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Web_addresses_become_safe_links_and_nothing_else_does(string sizeName)
    {
        var room = $"links-{_suffix}";
        var (page, other) = await Browser.TwoInRoomAsync(PageSize.Named(sizeName), $"ada_{_suffix}", $"bob_{_suffix}", room);

        const string text = "Docs: https://example.com/a?b=1&c=2, old: http://example.org/x. Not links: javascript:alert(1) "
            + "ftp://example.net data:text/html,<b>x</b> <img src=x onerror=alert(1)>";
        await SendAsync(other, text);

        var shown = page.Locator("#messages .message .text", new() { HasText = "Docs:" });
        await Expect(shown).ToHaveTextAsync(text);
        var links = shown.Locator("a");
        await Expect(links).ToHaveCountAsync(2);
        await Expect(links.Nth(0)).ToHaveAttributeAsync("href", "https://example.com/a?b=1&c=2");
        await Expect(links.Nth(0)).ToHaveTextAsync("https://example.com/a?b=1&c=2");
        await Expect(links.Nth(1)).ToHaveAttributeAsync("href", "http://example.org/x");
        foreach (var link in await links.AllAsync())
        {
            await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
            await Expect(link).ToHaveAttributeAsync("target", "_blank");
        }
        await Expect(page.Locator("#messages img, #messages b, #messages script")).ToHaveCountAsync(0);
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Dark_mode_follows_the_system_until_the_toggle_picks_and_the_choice_is_remembered(string sizeName)
    {
        var page = await Browser.OpenAsync(PageSize.Named(sizeName), "ada", ColorScheme.Dark);
        await SignUpAsync(page, $"ada_{_suffix}");
        const string background = "() => getComputedStyle(document.querySelector('.conversation')).backgroundColor";
        const string dark = "rgb(20, 23, 28)";
        const string light = "rgb(244, 245, 247)";
        Assert.Equal(dark, await page.EvaluateAsync<string>(background));

        await OpenMenuIfNarrowAsync(page);
        var toggle = page.Locator("#theme-toggle");
        await Expect(toggle).ToHaveTextAsync("Theme: system");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveTextAsync("Theme: light");
        Assert.Equal(light, await page.EvaluateAsync<string>(background));

        await page.ReloadAsync();
        await Expect(page.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected");
        Assert.Equal(light, await page.EvaluateAsync<string>(background));
        await OpenMenuIfNarrowAsync(page);
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveTextAsync("Theme: dark");
        Assert.Equal(dark, await page.EvaluateAsync<string>(background));
        await toggle.ClickAsync();
        await Expect(page.Locator("html")).Not.ToHaveAttributeAsync("data-theme", new System.Text.RegularExpressions.Regex("."));
        Assert.Equal(dark, await page.EvaluateAsync<string>(background));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Drawers_and_dialogs_take_the_focus_close_with_Escape_and_give_it_back(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var page = await Browser.OpenAsync(size, "ada");
        await SignUpAsync(page, $"ada_{_suffix}");
        await JoinAsync(page, $"focus-{_suffix}");

        if (size.Phone)
        {
            foreach (var (opener, drawer, close) in new[] { ("#sidebar-open", "#sidebar", "#sidebar-close"), ("#people-toggle", "#people", "#people-close") })
            {
                await page.Locator(opener).ClickAsync();
                await Expect(page.Locator(close)).ToBeFocusedAsync();
                await Expect(page.Locator("#conversation")).ToHaveAttributeAsync("inert", "");
                for (var i = 0; i < 4; i++)
                {
                    await page.Keyboard.PressAsync("Tab");
                    Assert.True(await page.EvaluateAsync<bool>("d => document.activeElement.closest(d) !== null", drawer), $"Tab left {drawer}");
                }
                await page.Keyboard.PressAsync("Escape");
                await Expect(page.Locator(drawer)).ToBeHiddenAsync();
                await Expect(page.Locator(opener)).ToBeFocusedAsync();
                await Expect(page.Locator("#conversation")).Not.ToHaveAttributeAsync("inert", "");
            }
            // The scrim closes a drawer too.
            await page.Locator("#sidebar-open").ClickAsync();
            await page.Locator("#scrim").ClickAsync(new() { Position = new() { X = 370, Y = 400 } });
            await Expect(page.Locator("#sidebar")).ToBeHiddenAsync();
        }
        else
        {
            // Wide enough for columns: nothing is a drawer.
            await Expect(page.Locator("#sidebar-open")).ToBeHiddenAsync();
            await Expect(page.Locator("#people")).ToBeVisibleAsync();
        }

        await page.Locator("#leave").ClickAsync();
        await Expect(page.Locator("#confirm-cancel")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#confirm-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#leave")).ToBeFocusedAsync();
        await Expect(page.Locator("#room-title")).ToHaveTextAsync($"#focus-{_suffix}");

        await OpenMenuIfNarrowAsync(page);
        await page.Locator("#about-open").ClickAsync();
        await Expect(page.Locator("#about-close")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#about-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#about-open")).ToBeFocusedAsync();
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_direct_message_button_shows_without_hover_and_is_reached_by_keyboard(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var (room, bob) = ($"dm-button-{_suffix}", $"bob_{_suffix}");
        var (page, other) = await Browser.TwoInRoomAsync(size, $"ada_{_suffix}", bob, room);

        // Tab from the composer (Send is disabled while it is empty) or from the drawer's close button.
        if (size.Phone)
        {
            await page.Locator("#people-toggle").ClickAsync();
            await Expect(page.Locator("#people-close")).ToBeFocusedAsync();
        }
        else
        {
            await page.Locator("#composer").FocusAsync();
        }
        var button = page.Locator($"#presence [data-user='{bob}'] .dm-button");
        await Expect(button).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#room-title")).ToHaveTextAsync($"@{bob}");
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Empty_lists_say_so_and_quiet_rooms_are_folded_away(string sizeName)
    {
        var (busy, quiet, alone) = ($"busy-{_suffix}", $"quiet-{_suffix}", $"alone-{_suffix}");
        await server.SeedAsync(quiet, "someone", ["an old message"]);
        var page = await Browser.OpenAsync(PageSize.Named(sizeName), "ada");
        var other = await Browser.OpenAsync(PageSize.Desktop, "bob");
        await SignUpAsync(other, $"bob_{_suffix}");
        await JoinAsync(other, busy);
        await SignUpAsync(page, $"ada_{_suffix}");

        await Expect(page.Locator("#presence-empty")).ToHaveTextAsync("Open a room to see who is in it.");
        await Expect(page.Locator("#joined-empty")).ToHaveTextAsync("No rooms yet: join one by name, or pick one below.");
        await Expect(page.Locator("#dm-empty")).ToHaveTextAsync("No conversations yet.");
        await Expect(page.Locator("#empty-state")).ToContainTextAsync("Join a room or open a direct message");

        await OpenMenuIfNarrowAsync(page);
        await page.Locator("#refresh-rooms").ClickAsync();
        await Expect(page.Locator($"#room-list [data-room='{busy}']")).ToContainTextAsync("1 online");
        await Expect(page.Locator($"#room-list [data-room='{quiet}']")).ToHaveCountAsync(0);
        var folded = page.Locator($"#quiet-room-list [data-room='{quiet}']");
        await Expect(folded).ToBeHiddenAsync();
        await page.Locator("#quiet-rooms summary").ClickAsync();
        await Expect(folded).ToBeVisibleAsync();
        Assert.DoesNotContain("0 online", await page.Locator("#sidebar").InnerTextAsync(), StringComparison.Ordinal);

        await JoinAsync(page, alone);
        await Expect(page.Locator("#presence-empty")).ToHaveTextAsync("Nobody else is here yet. Share the room name to invite someone.");
        await Expect(page.Locator("#empty-state")).ToHaveTextAsync("No messages yet. Say hello!");
        await Expect(page.Locator("#joined-empty")).ToBeHiddenAsync();
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_layout_fits_the_screen_with_real_buttons_a_one_line_placeholder_and_named_message_groups(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var (room, bob) = ($"layout-{_suffix}", $"bob_{_suffix}");
        var (page, other) = await Browser.TwoInRoomAsync(size, $"ada_{_suffix}", bob, room);
        await SendAsync(other, "first of a group");
        await SendAsync(other, "second of the group");
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(2);

        // Nothing wider than the screen, and no closed drawer (or its shadow) along the right edge.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"));
        var atRightEdge = await page.EvaluateAsync<string>("([x, y]) => document.elementFromPoint(x, y).closest('#people, #conversation').id",
            new[] { size.Width - 2, size.Height / 2 });
        Assert.Equal(size.Phone ? "conversation" : "people", atRightEdge);

        // People and Leave are buttons that look like buttons, not underlined links.
        foreach (var id in size.Phone ? new[] { "#people-toggle", "#leave" } : ["#leave"])
        {
            await Expect(page.Locator(id)).ToBeVisibleAsync();
            Assert.Equal("none", await page.Locator(id).EvaluateAsync<string>("b => getComputedStyle(b).textDecorationLine"));
            Assert.NotEqual("0px", await page.Locator(id).EvaluateAsync<string>("b => getComputedStyle(b).borderTopWidth"));
        }

        // The placeholder names the room on one line; keyboard advice only where there is a keyboard.
        var composer = page.Locator("#composer");
        await Expect(composer).ToHaveAttributeAsync("placeholder", $"Message #{room}");
        Assert.True(await composer.EvaluateAsync<bool>("c => c.scrollHeight <= c.clientHeight + 1"), "the placeholder wraps");
        if (size.Phone)
        {
            await Expect(page.Locator("#composer-hint")).ToBeHiddenAsync();
        }
        else
        {
            await Expect(page.Locator("#composer-hint")).ToBeVisibleAsync();
        }

        // A group starts with its sender's name in sight, avatars or not; the rest name the sender to screen readers.
        var first = page.Locator("#messages .message").Nth(0);
        var second = page.Locator("#messages .message").Nth(1);
        await Expect(first.Locator(".sender")).ToBeVisibleAsync();
        await Expect(first.Locator(".sender")).ToHaveTextAsync(bob);
        await Expect(second).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bcontinued\b"));
        await Expect(second.Locator(".sender")).ToHaveTextAsync(bob);
        Assert.Contains(bob, await second.EvaluateAsync<string>("m => m.querySelector('.sender').textContent"), StringComparison.Ordinal);
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_second_tab_is_signed_in_and_tabs_sign_out_and_in_together(string sizeName)
    {
        var (user, room) = ($"ada_{_suffix}", $"tabs-{_suffix}");
        var first = await Browser.OpenAsync(PageSize.Named(sizeName), "tab1");
        await SignUpAsync(first, user);
        await JoinAsync(first, room);

        var second = await Browser.OpenTabAsync(first, "tab2");
        await Expect(second.Locator("#me")).ToHaveTextAsync(user);
        await Expect(second.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(second.Locator("#room-title")).ToHaveTextAsync($"#{room}");
        await SendAsync(second, "from the second tab");
        await Expect(first.Locator("#messages .message.own", new() { HasText = "from the second tab" })).ToHaveCountAsync(1);

        await OpenMenuIfNarrowAsync(first);
        await first.Locator("#logout").ClickAsync();
        await Expect(second.Locator("#auth-view")).ToBeVisibleAsync();
        await Expect(second.Locator("#auth-notice")).ToHaveTextAsync("You were signed out in another tab.");

        await second.Locator("#username").FillAsync(user);
        await second.Locator("#password").FillAsync("correct horse battery");
        await second.Locator("#login").ClickAsync();
        await Expect(first.Locator("#me")).ToHaveTextAsync(user);
        await Expect(first.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected");
        Browser.AssertNoPageErrors();
    }
}
