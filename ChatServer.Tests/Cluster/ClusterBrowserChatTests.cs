using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// Issue 5 end to end in the browser: two Chromium pages served by nginx, each pinned by its affinity cookie to a
/// different instance, chat in one room and see each other's messages, presence and typing across the backplane.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterBrowserChatTests
{
    private const float ExpectTimeoutMs = 15_000;

    [Fact]
    public async Task Two_pages_pinned_to_different_instances_chat_and_see_presence_and_typing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var alice = $"alice_{suffix}";
        var bob = $"bob_{suffix}";
        var room = $"cluster-{suffix}";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);

        // Separate contexts are separate cookie jars: each page negotiates on the instance its cookie names.
        var pageA = await OpenPinnedPageAsync(browser, "chat-1");
        var pageB = await OpenPinnedPageAsync(browser, "chat-2");

        await SignUpAsync(pageA, alice);
        await SignUpAsync(pageB, bob);

        // The about view shows the instanceId that GetServerInfo returned on the page's own connection.
        Assert.Equal("chat-1", await ServerInstanceAsync(pageA));
        Assert.Equal("chat-2", await ServerInstanceAsync(pageB));

        await JoinAsync(pageA, room);
        await JoinAsync(pageB, room);

        // Presence across instances: A learns of B through UserJoined via the backplane, B of A from the snapshot.
        await Expect(pageA.Locator("#presence")).ToContainTextAsync(bob);
        await Expect(pageB.Locator("#presence")).ToContainTextAsync(alice);

        // Typing both ways.
        await pageA.Locator("#composer").PressSequentiallyAsync("Hi");
        await Expect(pageB.Locator("#typing")).ToContainTextAsync($"{alice} is typing");
        await pageB.Locator("#composer").PressSequentiallyAsync("Yo");
        await Expect(pageA.Locator("#typing")).ToContainTextAsync($"{bob} is typing");

        // Messages both ways, once each on both pages.
        var fromA = $"Hello from {alice} on chat-1";
        await pageA.Locator("#composer").FillAsync(fromA);
        await pageA.Locator("#send").ClickAsync();
        await Expect(pageB.Locator("#messages .message", new() { HasText = fromA })).ToHaveCountAsync(1);
        await Expect(pageA.Locator("#messages .message.own", new() { HasText = fromA })).ToHaveCountAsync(1);
        await Expect(pageB.Locator("#typing")).Not.ToContainTextAsync(alice);

        var fromB = $"Hello from {bob} on chat-2";
        await pageB.Locator("#composer").FillAsync(fromB);
        await pageB.Locator("#send").ClickAsync();
        await Expect(pageA.Locator("#messages .message", new() { HasText = fromB })).ToHaveCountAsync(1);
        await Expect(pageB.Locator("#messages .message.own", new() { HasText = fromB })).ToHaveCountAsync(1);
        await Expect(pageA.Locator("#typing")).Not.ToContainTextAsync(bob);

        // Still on the instances they were pinned to: the conversation crossed the backplane, not one instance.
        Assert.Equal("chat-1", await ServerInstanceAsync(pageA));
        Assert.Equal("chat-2", await ServerInstanceAsync(pageB));
        Assert.False(timeout.IsCancellationRequested);
    }

    private static async Task<IPage> OpenPinnedPageAsync(IBrowser browser, string instance)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = ClusterFixture.BaseUri.ToString() });
        await context.AddCookiesAsync([new Cookie { Name = "chat_instance", Value = instance, Domain = "127.0.0.1", Path = "/hubs", HttpOnly = true, SameSite = SameSiteAttribute.Lax }]);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(ExpectTimeoutMs);
        SetDefaultExpectTimeout(ExpectTimeoutMs);
        var response = await page.GotoAsync("/");
        Assert.Equal(200, response?.Status);
        return page;
    }

}
