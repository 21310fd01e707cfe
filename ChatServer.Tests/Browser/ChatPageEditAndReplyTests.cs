using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// Editing and replying under way, at both sizes: an edit in progress keeps its text, focus and caret while the
/// message list is drawn again around it (another message, a reaction to the message being edited); a reply written
/// while the connection is down waits in the outbox with its quote and is sent once after the reconnect.
/// </summary>
public sealed class ChatPageEditAndReplyTests(KestrelFixture server, ITestOutputHelper output) : BrowserTests(output), IClassFixture<KestrelFixture>
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public override Task InitializeAsync() => LaunchAsync(server.BaseAddress);

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_edit_in_progress_keeps_its_text_focus_and_caret_while_the_list_is_drawn_again(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var (ada, bob) = await Browser.TwoInRoomAsync(size, $"ada_{_suffix}", $"bob_{_suffix}", $"editing-{_suffix}");
        await SendAsync(ada, "a typo hree");
        var id = await Message(bob, "a typo hree").GetAttributeAsync("data-id");
        var mine = ada.Locator($"#messages [data-id='{id}']");
        await OpenActionsAsync(mine, size);
        await mine.GetByTestId("action-edit").ClickAsync();
        var box = mine.GetByTestId("edit-box");
        await box.FillAsync("a typo here");
        await box.EvaluateAsync("box => box.setSelectionRange(1, 1)");

        // Bob writes, then reacts to the very message being edited: its node is drawn anew.
        await SendAsync(bob, "meanwhile from bob");
        await Expect(Message(ada, "meanwhile from bob")).ToBeVisibleAsync();
        var onBob = bob.Locator($"#messages [data-id='{id}']");
        await OpenActionsAsync(onBob, PageSize.Desktop);
        await onBob.GetByTestId("action-react").ClickAsync();
        await onBob.Locator("[data-testid='emoji'][data-emoji='🎉']").ClickAsync();
        await Expect(mine.GetByTestId("reaction-chip")).ToHaveTextAsync("🎉 1");

        await Expect(box).ToHaveValueAsync("a typo here");
        await Expect(box).ToBeFocusedAsync();
        Assert.Equal(1, await box.EvaluateAsync<int>("box => box.selectionStart"));
        await ada.Keyboard.TypeAsync(" fixed");
        await ada.Keyboard.PressAsync("Enter");
        await Expect(onBob.GetByTestId("message-text")).ToHaveTextAsync("a fixed typo here");
        await Expect(onBob.GetByTestId("edited")).ToBeVisibleAsync();
        await Expect(mine.GetByTestId("message-text")).ToHaveTextAsync("a fixed typo here");
        await Expect(mine.GetByTestId("edit-box")).ToHaveCountAsync(0);
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_reply_written_while_offline_is_sent_once_after_the_reconnect_with_its_quote(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var room = $"offline-reply-{_suffix}";
        var ada = await Browser.OpenAsync(size, "ada");
        await ada.Context.AddInitScriptAsync(SocketRecorder);
        await ada.ReloadAsync();
        var bob = await Browser.OpenAsync(PageSize.Desktop, "bob");
        await SignUpAsync(ada, $"ada_{_suffix}");
        await SignUpAsync(bob, $"bob_{_suffix}");
        await JoinAsync(ada, room);
        await JoinAsync(bob, room);
        await SendAsync(bob, "question from bob");
        var question = Message(ada, "question from bob");
        await Expect(question).ToBeVisibleAsync();

        // The connection drops, and reconnecting fails until the test lets it through.
        var offline = true;
        await ada.RouteAsync("**/hubs/chat/negotiate**", route => Volatile.Read(ref offline) ? route.AbortAsync() : route.ContinueAsync());
        await ada.EvaluateAsync("() => window.__sockets.forEach(s => s.close())");
        await Expect(ada.Locator("#banner")).ToHaveAttributeAsync("data-state", "reconnecting");

        await OpenActionsAsync(question, size);
        await question.GetByTestId("action-reply").ClickAsync();
        await SendAsync(ada, "answer written offline");
        await Expect(ada.GetByTestId("reply-strip")).ToBeHiddenAsync();
        var pending = ada.Locator("#pending li");
        await Expect(pending).ToHaveCountAsync(1);
        await Expect(pending.GetByTestId("reply-quote")).ToContainTextAsync("question from bob");
        Assert.Equal(0, Browser.HubCalls(ada, "SendReply"));

        Volatile.Write(ref offline, false);
        // Automatic reconnect backs off (about 1, 2, 4 s), so allow for a few attempts.
        await Expect(ada.Locator("#banner")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(pending).ToHaveCountAsync(0);
        foreach (var page in new[] { ada, bob })
        {
            var answer = Message(page, "answer written offline");
            await Expect(answer).ToHaveCountAsync(1);
            await Expect(answer.GetByTestId("reply-quote")).ToContainTextAsync("question from bob");
        }
        Assert.Equal(1, Browser.HubCalls(ada, "SendReply"));
        Assert.Equal(0, Browser.HubCalls(ada, "SendMessage"));
        Browser.AssertNoPageErrors();
    }
}
