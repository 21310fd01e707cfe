using ChatServer.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static ChatServer.Tests.Infrastructure.ChatPageSteps;
using static Microsoft.Playwright.Assertions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The "new messages" divider (issue 17 §3), in memory and Redis mode at both sizes: placed from the server's read
/// marker when a room is opened (also on a fresh page, which knows only the server's marker) and scrolled to when more
/// than a screen came since, kept in place while the reader reads on, and gone on the next visit once everything was
/// read.
/// </summary>
[Collection(RedisServerCollection.Name)]
public sealed class ChatPageNewMessagesTests(KestrelFixture memory, RedisServerFixture redis, ITestOutputHelper output)
    : BrowserTests(output), IClassFixture<KestrelFixture>
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private KestrelChatApplication? _redisApp;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redisApp is not null)
        {
            await _redisApp.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("memory", "desktop")]
    [InlineData("memory", "phone")]
    [InlineData("redis", "desktop")]
    [InlineData("redis", "phone")]
    public async Task The_divider_marks_what_came_since_the_last_visit_and_stays_put_while_reading(string mode, string sizeName)
    {
        var size = PageSize.Named(sizeName);
        await LaunchAsync(mode == "redis" ? StartRedisMode() : memory.BaseAddress);
        var (room, elsewhere) = ($"divider-{_suffix}", $"elsewhere-{_suffix}");
        var (ada, bob) = await Browser.TwoInRoomAsync(size, $"ada_{_suffix}", $"bob_{_suffix}", room);
        var divider = ada.GetByRole(AriaRole.Separator, new() { Name = "New messages" });
        var afterDivider = ada.Locator("#messages [data-testid='new-divider'] + li");

        await SendAsync(bob, "first");
        await Expect(Message(ada, "first")).ToBeVisibleAsync();
        await Expect(divider).ToHaveCountAsync(0);   // read as it came

        // Away in another room while bob writes on: back in the room, the divider is above what came meanwhile.
        // More than a screen of them: the room opens at the divider, not past it.
        await JoinAsync(ada, elsewhere);
        await SendAsync(bob, "second");
        for (var i = 1; i <= 10; i++)
        {
            await SendAsync(bob, $"filler {i}\nand more\nand more\nand more");
        }
        await SendAsync(bob, "third");
        await Expect(Message(bob, "third")).ToBeVisibleAsync();
        await JoinAsync(ada, room);
        await Expect(divider).ToBeInViewportAsync();
        await Expect(afterDivider).ToContainTextAsync("second");
        await Expect(Message(ada, "third")).Not.ToBeInViewportAsync();

        // Reading on moves the marker (MarkRead), not the divider.
        await SendAsync(bob, "fourth");
        await Expect(Message(ada, "fourth")).ToBeVisibleAsync();
        await SendAsync(ada, "my answer");
        await Expect(Message(bob, "my answer")).ToBeVisibleAsync();
        await Expect(divider).ToHaveCountAsync(1);
        await Expect(afterDivider).ToContainTextAsync("second");
        await PageAudit.CheckAsync(ada, size, "17-new-messages");

        // A fresh page knows only the server's marker: it places the divider above what came since, not above own.
        await JoinAsync(ada, elsewhere);
        await SendAsync(bob, "fifth");
        await Expect(Message(bob, "fifth")).ToBeVisibleAsync();
        await ada.ReloadAsync();
        await Expect(ada.Locator("#room-title")).ToHaveTextAsync($"#{elsewhere}");
        await JoinAsync(ada, room);
        await Expect(Message(ada, "fifth")).ToBeVisibleAsync();
        await Expect(afterDivider).ToContainTextAsync("fifth");
        await Expect(divider).ToHaveCountAsync(1);

        // All read: the next visit has no divider.
        await JoinAsync(ada, elsewhere);
        await JoinAsync(ada, room);
        await Expect(Message(ada, "fifth")).ToBeVisibleAsync();
        await Expect(divider).ToHaveCountAsync(0);
        Browser.AssertNoPageErrors();
    }

    private Uri StartRedisMode()
    {
        _redisApp = new KestrelChatApplication(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Server.ConnectionString,
            ["Chat:Redis:KeyPrefix"] = $"divider-{_suffix}",
        });
        return _redisApp.Start();
    }
}
