using System.Text.Json;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// A conversation through time, at both sizes: days marked by separators, and a room of 5,000 messages scrolled back
/// to its first and forward again with the page never holding more than its window of them.
/// </summary>
public sealed class ChatPageHistoryTests(ITestOutputHelper output) : BrowserTests(output)
{
    private const int WindowMax = 150;   // WINDOW.max in wwwroot/message-window.js

    private readonly ShiftedTimeProvider _clock = new();
    private KestrelChatApplication? _app;

    public override Task InitializeAsync()
    {
        _app = new KestrelChatApplication(services: services => services.AddSingleton<TimeProvider>(_clock));
        return LaunchAsync(_app.Start());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _app!.DisposeAsync();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Each_day_starts_with_a_separator_and_a_new_group(string sizeName)
    {
        var size = PageSize.Named(sizeName);
        var room = TestRooms.NewName("days");
        foreach (var daysAgo in new[] { 3, 1, 0 })
        {
            _clock.Shift = TimeSpan.FromDays(-daysAgo);
            await SeedAsync(room, "grace", [$"{daysAgo} days ago, first", $"{daysAgo} days ago, second"]);
        }
        _clock.Shift = TimeSpan.Zero;

        var page = await Browser.OpenAsync(size, "ada");
        await SignUpAsync(page, $"ada_{Guid.NewGuid():N}"[..12]);
        await JoinAsync(page, room);
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(6);

        var separators = await page.Locator("#messages .day-separator").AllTextContentsAsync();
        Assert.Equal(3, separators.Count);
        Assert.DoesNotContain(separators[0], new[] { "Today", "Yesterday", string.Empty });
        Assert.Equal(["Yesterday", "Today"], separators.Skip(1));
        // Separator, then the day's two messages: the first names its sender, the second continues its group.
        var rows = JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>(
            "() => JSON.stringify([...document.querySelectorAll('#messages > li')].map(li => li.classList.contains('day-separator') ? 'day' : li.classList.contains('continued') ? 'more' : 'first'))"))!;
        Assert.Equal(["day", "first", "more", "day", "first", "more", "day", "first", "more"], rows);
        await PageAudit.CheckAsync(page, size, "11-day-separators");
        Browser.AssertNoPageErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_room_of_5000_messages_scrolls_back_to_its_first_and_forward_with_a_bounded_DOM(string sizeName)
    {
        const int total = 5000;
        var room = TestRooms.NewName("long");
        await SeedAsync(room, "seeder", Enumerable.Range(1, total).Select(i => $"seeded {i:D4}"));

        var page = await Browser.OpenAsync(PageSize.Named(sizeName), "ada");
        await SignUpAsync(page, $"ada_{Guid.NewGuid():N}"[..12]);
        await JoinAsync(page, room);
        var messages = page.Locator("#messages .message");
        await Expect(messages.Last.Locator(".text")).ToHaveTextAsync($"seeded {total:D4}");   // the row also holds its action bar

        // Each scroll to the top slides the window or loads the page before it, until the beginning.
        var scrolls = 0;
        while (!await page.Locator("#history-start").IsVisibleAsync())
        {
            Assert.True(++scrolls < 400, "the beginning of the room never came");
            var first = await messages.First.GetAttributeAsync("data-id");
            await page.Locator("#message-scroller").EvaluateAsync("el => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }");
            await page.WaitForFunctionAsync(
                "id => document.querySelector('#messages .message').dataset.id !== id || !document.getElementById('history-start').hidden", first);
            Assert.InRange(await messages.CountAsync(), 1, WindowMax);
        }
        await Expect(messages.First.Locator(".text")).ToHaveTextAsync("seeded 0001");

        // Forward again by scrolling to the bottom a few times: the window slides down, as bounded.
        for (var i = 0; i < 3; i++)
        {
            var last = await messages.Last.GetAttributeAsync("data-id");
            await page.Locator("#message-scroller").EvaluateAsync("el => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); }");
            await page.WaitForFunctionAsync("id => [...document.querySelectorAll('#messages .message')].at(-1).dataset.id !== id", last);
            Assert.InRange(await messages.CountAsync(), 1, WindowMax);
        }
        await page.Locator("#jump-latest").ClickAsync();
        await Expect(messages.Last.Locator(".text")).ToHaveTextAsync($"seeded {total:D4}");
        Assert.InRange(await messages.CountAsync(), 1, WindowMax);
        Browser.AssertNoPageErrors();
    }

    private Task SeedAsync(string room, string user, IEnumerable<string> texts) => _app!.SeedAsync(room, user, texts);
}
