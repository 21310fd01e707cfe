using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// Browser notifications (issue 17 §3) in Chromium at both sizes: opt-in from the sidebar (the browser's permission
/// granted through the context); while the tab is hidden a mention (in a room the tab is in, and the hub's Mentioned
/// for one it is not) and a direct message each show one, titled and tagged by room; a click opens the room; nothing
/// for a plain message, one's own message, a visible tab, or once turned off. An init script stands in for the tab's
/// visibility and records the notifications the page constructs.
/// </summary>
public sealed class ChatPageNotificationsTests(KestrelFixture server, ITestOutputHelper output) : BrowserTests(output), IClassFixture<KestrelFixture>
{
    private const string Recorder = """
        (() => {
            window.__hidden = false;
            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (window.__hidden ? 'hidden' : 'visible') });
            Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__hidden });
            const Native = window.Notification;
            window.__notes = [];
            window.Notification = class extends EventTarget {
                constructor(title, options = {}) {
                    super();
                    Object.assign(this, { title, body: options.body, tag: options.tag });
                    window.__notes.push(this);
                }
                static get permission() { return Native.permission; }
                static requestPermission() { return Native.requestPermission(); }
                close() { this.closed = true; }
            };
        })()
        """;

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public override Task InitializeAsync() => LaunchAsync(server.BaseAddress);

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Mentions_and_direct_messages_notify_a_hidden_tab_once_turned_on(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var (adaName, bobName) = ($"ada_{_suffix}", $"bob_{_suffix}");
        var (room, other) = ($"notes-{_suffix}", $"other-{_suffix}");
        var ada = await Browser.OpenAsync(size, "ada");
        await ada.Context.GrantPermissionsAsync(["notifications"]);
        await ada.Context.AddInitScriptAsync(Recorder);
        await ada.ReloadAsync();
        var bob = await Browser.OpenAsync(PageSize.Desktop, "bob");
        await SignUpAsync(ada, adaName);
        await SignUpAsync(bob, bobName);
        await JoinAsync(ada, room);
        await JoinAsync(bob, room);

        // Off by default: a hidden tab shows nothing for a mention.
        await SetHiddenAsync(ada, true);
        await SendAsync(bob, $"before opting in @{adaName}");
        await Expect(Message(ada, "before opting in")).ToBeVisibleAsync();
        Assert.Empty(await NotesAsync(ada));

        await OpenMenuIfNarrowAsync(ada);
        var toggle = ada.GetByTestId("notify-toggle");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(toggle).ToHaveTextAsync("Notifications: on");
        await PageAudit.CheckAsync(ada, size, "17-notifications");
        await CloseMenuIfNarrowAsync(ada);

        // Visible: nothing. Hidden: a plain message is nothing, a mention is one notification.
        await SetHiddenAsync(ada, false);
        await SendAsync(bob, $"while you look @{adaName}");
        await Expect(Message(ada, "while you look")).ToBeVisibleAsync();
        await SetHiddenAsync(ada, true);
        await SendAsync(bob, "nothing for you here");
        await Expect(Message(ada, "nothing for you here")).ToBeVisibleAsync();
        await SendAsync(bob, $"look here @{adaName}");
        var notes = await NotesAsync(ada, 1);
        Assert.Equal(new Note($"{bobName} in #{room}", $"look here @{adaName}", $"chat:{room}"), notes[0]);

        // A direct message: titled by its sender, tagged by the direct room.
        await bob.Locator("#dm-input").FillAsync(adaName);
        await bob.Locator("#dm-open").ClickAsync();
        await Expect(bob.Locator("#room-title")).ToHaveTextAsync($"@{adaName}");
        await SendAsync(bob, "psst");
        await NotesAsync(ada, 2);
        // Ada's page joins the direct room on the first message's DirectRoomActivity; later ones arrive as messages.
        await Expect(ada.Locator("#dm-list [data-testid='unread']")).ToHaveTextAsync("1");
        await SendAsync(bob, "psst again");
        notes = await NotesAsync(ada, 3);
        var dm = notes.Single(n => n.Body == "psst again");
        Assert.Equal(bobName, dm.Title);
        Assert.StartsWith("chat:dm:", dm.Tag, StringComparison.Ordinal);
        Assert.All(notes.Skip(1), n => Assert.Equal(dm.Tag, n.Tag));   // the first one said "sent you a direct message"

        // Mentioned in a room ada has not joined: the hub's Mentioned; a click opens that room.
        await JoinAsync(bob, other);
        await SendAsync(bob, $"over here @{adaName}");
        notes = await NotesAsync(ada, 4);
        Assert.Equal(new Note($"{bobName} in #{other}", $"over here @{adaName}", $"chat:{other}"), notes[3]);
        await ada.EvaluateAsync("() => window.__notes[3].dispatchEvent(new Event('click'))");
        await Expect(ada.Locator("#room-title")).ToHaveTextAsync($"#{other}");
        Assert.True(await ada.EvaluateAsync<bool>("() => window.__notes[3].closed === true"));

        // One's own message, from another tab of ada's that mentions ada: nothing.
        var adaTab = await Browser.OpenTabAsync(ada, "ada-tab");
        await JoinAsync(adaTab, other);
        await SendAsync(adaTab, $"note to self @{adaName}");
        await Expect(Message(ada, "note to self")).ToBeVisibleAsync();
        Assert.Equal(4, (await NotesAsync(ada)).Count);

        // Turned off: a mention shows nothing.
        await OpenMenuIfNarrowAsync(ada);
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await CloseMenuIfNarrowAsync(ada);
        await SendAsync(bob, $"after opting out @{adaName}");
        await Expect(Message(ada, "after opting out")).ToBeVisibleAsync();
        Assert.Equal(4, (await NotesAsync(ada)).Count);
        Browser.AssertNoPageErrors();
    }

    private sealed record Note(string Title, string Body, string Tag);

    private static async Task SetHiddenAsync(IPage page, bool hidden) => await page.EvaluateAsync("h => { window.__hidden = h; }", hidden);

    /// <summary>The notifications the page constructed, once there are at least <paramref name="atLeast"/>.</summary>
    private static async Task<List<Note>> NotesAsync(IPage page, int atLeast = 0)
    {
        await page.WaitForFunctionAsync("n => window.__notes.length >= n", atLeast);
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.__notes.map(n => ({ title: n.title, body: n.body, tag: n.tag })))");
        return JsonSerializer.Deserialize<List<Note>>(json, JsonSerializerOptions.Web)!;
    }
}
