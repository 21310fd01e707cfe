using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// Messages that live on (issue 17 §3), on the page: with two people in one room, ada reacts, replies, edits and
/// deletes through a message's action bar (hover on a desktop, "⋯" on a touch phone), and bob sees each change; at
/// both sizes.
/// </summary>
public sealed class ChatPageMessageChangesTests(KestrelFixture server, ITestOutputHelper output) : BrowserTests(output), IClassFixture<KestrelFixture>
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public override Task InitializeAsync() => LaunchAsync(server.BaseAddress);

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Reactions_replies_edits_and_deletions_reach_the_other_person(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var (ada, bob) = await Browser.TwoInRoomAsync(size, $"ada_{_suffix}", $"bob_{_suffix}", $"changes-{_suffix}");

        // React: ada picks 👍 on bob's message; bob sees the chip, not as his; his click makes it two.
        await SendAsync(bob, "hello from bob");
        // By id from here: a reply quoting it contains its text too.
        var bobsId = await Message(ada, "hello from bob").GetAttributeAsync("data-id");
        var bobsOnAda = ada.Locator($"#messages [data-id='{bobsId}']");
        await OpenActionsAsync(bobsOnAda, size);
        await Expect(bobsOnAda.GetByTestId("action-edit")).ToHaveCountAsync(0);   // not ada's to edit or delete
        await bobsOnAda.GetByTestId("action-react").ClickAsync();
        await bobsOnAda.Locator("[data-testid='emoji'][data-emoji='👍']").ClickAsync();
        var chipOnBob = bob.Locator($"#messages [data-id='{bobsId}'] [data-testid='reaction-chip']");
        await Expect(chipOnBob).ToHaveTextAsync("👍 1");
        await Expect(chipOnBob).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(bobsOnAda.GetByTestId("reaction-chip")).ToHaveAttributeAsync("aria-pressed", "true");
        await chipOnBob.ClickAsync();
        await Expect(bobsOnAda.GetByTestId("reaction-chip")).ToHaveTextAsync("👍 2");

        // Reply: the composer quotes bob's message; bob sees the reply with the quote.
        await OpenActionsAsync(bobsOnAda, size);
        await bobsOnAda.GetByTestId("action-reply").ClickAsync();
        await Expect(ada.GetByTestId("reply-strip")).ToContainTextAsync($"bob_{_suffix}");
        await SendAsync(ada, $"a reply from ada for @bob_{_suffix}, not @nobody");
        await Expect(ada.GetByTestId("reply-strip")).ToBeHiddenAsync();
        var replyOnBob = Message(bob, "a reply from ada");
        await Expect(replyOnBob.GetByTestId("reply-quote")).ToContainTextAsync("hello from bob");
        await Expect(replyOnBob.GetByTestId("mention")).ToHaveTextAsync($"@bob_{_suffix}");   // only resolved names
        await Expect(replyOnBob.Locator(".mention.me")).ToHaveCountAsync(1);

        // Edit in place: Enter saves, and bob sees the new text marked as edited.
        // By id: while edited, its text is in a box, not the node's text.
        var id = await Message(ada, "a reply from ada").GetAttributeAsync("data-id");
        var replyOnAda = ada.Locator($"#messages [data-id='{id}']");
        await OpenActionsAsync(replyOnAda, size);
        await replyOnAda.GetByTestId("action-edit").ClickAsync();
        await replyOnAda.GetByTestId("edit-box").FillAsync("an edited reply");
        await replyOnAda.GetByTestId("edit-box").PressAsync("Enter");
        var editedOnBob = bob.Locator($"#messages [data-id='{id}']");
        await Expect(editedOnBob.GetByTestId("message-text")).ToHaveTextAsync("an edited reply");
        await Expect(editedOnBob.GetByTestId("edited")).ToBeVisibleAsync();

        // Delete asks first; bob then sees the tombstone where the message stood.
        await SendAsync(ada, "soon gone");
        var gone = Message(ada, "soon gone");
        var goneId = await gone.GetAttributeAsync("data-id");
        await Expect(Message(bob, "soon gone")).ToBeVisibleAsync();
        await OpenActionsAsync(gone, size);
        await gone.GetByTestId("action-delete").ClickAsync();
        await Expect(ada.Locator("#confirm-title")).ToHaveTextAsync("Delete this message?");
        await ada.Locator("#confirm-ok").ClickAsync();
        await Expect(bob.Locator($"#messages [data-id='{goneId}'] [data-testid='message-text']")).ToHaveTextAsync("This message was deleted.");
        await Expect(ada.Locator($"#messages [data-id='{goneId}'] [data-testid='message-text']")).ToHaveTextAsync("This message was deleted.");

        await OpenActionsAsync(bobsOnAda, size);
        await PageAudit.CheckAsync(ada, size, "17-message-actions");
        Browser.AssertNoPageErrors();
    }
}
