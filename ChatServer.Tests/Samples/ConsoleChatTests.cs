using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Samples;

/// <summary>
/// The ConsoleChat sample as a script uses it: a real server process, the sample as a second process reading its
/// commands from redirected stdin, and another user (a ChatClient in the test) in the same rooms.
/// </summary>
public sealed class ConsoleChatTests
{
    [Fact]
    public async Task Driven_through_stdin_it_chats_pages_history_shows_typing_and_opens_a_direct_room_in_plain_text()
    {
        // A burst large enough for the test's user to fill more than one join snapshot (50) in one go.
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Chat__RateLimit__Burst"] = "200",
            ["Chat__RateLimit__MessagesPerSecond"] = "200",
        });
        var room = TestRooms.NewName();
        var (bobName, bobConnection) = await TestClients.JoinAsNewUserAsync(server.BaseAddress, "bob", room);
        await using var bob = bobConnection;
        var ada = "ada-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 1; i <= 55; i++)
        {
            await bob.Hub.SendMessageAsync(room, $"old {i:00}");
        }

        await using var chat = ConsoleChatProcess.Start(server.BaseAddress, ada, ChatApplication.Password);
        await chat.WaitForLineAsync($"signed in as {ada}");
        await chat.SendAsync($"/join {room}");

        // The join shows the latest 50 in order, says older ones exist, and leaves the first five for /history.
        var joined = await chat.WaitForLineAsync($"joined {room}");
        await chat.WaitForLineAsync($"{bobName}: old 55", joined);
        var shown = chat.Lines.Skip(joined).ToList();
        Assert.Contains("older messages: /history", shown[1], StringComparison.Ordinal);
        Assert.Equal(
            Enumerable.Range(6, 50).Select(i => $"{bobName}: old {i:00}"),
            shown.Where(line => line.Contains(": old ", StringComparison.Ordinal)).Select(AfterTime));

        await bob.Hub.StartTypingAsync(room);
        await chat.WaitForLineAsync($"{bobName} is typing in {room}", joined);
        await bob.Hub.SendMessageAsync(room, "hello ada");
        var hello = await chat.WaitForLineAsync($"{bobName}: hello ada", joined);
        Assert.StartsWith($"[{room}] ", chat.Lines[hello], StringComparison.Ordinal);

        // A line that is not a command is a message; markup-looking text is sent and shown as typed.
        await chat.SendAsync("hi bob, [red]not red[/]");
        var fromAda = await bob.WaitForAsync<HubEvent.Message>(m => m.Value.User == ada);
        Assert.Equal((room, "hi bob, [red]not red[/]"), (fromAda.Value.Room, fromAda.Value.Text));
        await chat.WaitForLineAsync($"{ada}: hi bob, [red]not red[/]", hello);

        await chat.SendAsync("/who");
        var who = await chat.WaitForLineAsync($"online in {room}: ", hello);
        Assert.Equal($"online in {room}: " + string.Join(", ", new[] { ada, bobName }.Order(StringComparer.OrdinalIgnoreCase)), chat.Lines[who]);

        await chat.SendAsync("/history");
        var older = await chat.WaitForLineAsync($"older messages in {room}:", who);
        var start = await chat.WaitForLineAsync($"(start of {room})", older);
        Assert.Equal(
            Enumerable.Range(1, 5).Select(i => $"{bobName}: old {i:00}"),
            chat.Lines.Skip(older + 1).Take(start - older - 1).Select(AfterTime));
        await chat.SendAsync("/history");
        await chat.WaitForLineAsync($"no older messages in {room}", start);

        // A direct message to a user who has not opened the room is announced; /dm opens it with its history.
        var direct = await bob.Hub.OpenDirectRoomAsync(ada);
        await bob.Hub.JoinRoomAsync(direct);
        await bob.Hub.SendMessageAsync(direct, "psst");
        var notice = await chat.WaitForLineAsync($"{bobName} sent you a direct message: /dm {bobName} to read it", start);
        await chat.SendAsync($"/dm {bobName}");
        var dm = await chat.WaitForLineAsync($"joined @{bobName}", notice);
        await chat.WaitForLineAsync($"[@{bobName}] ", dm);
        Assert.EndsWith($"{bobName}: psst", chat.Lines[dm + 1], StringComparison.Ordinal);
        await chat.SendAsync("just between us");
        var reply = await bob.WaitForAsync<HubEvent.Message>(m => m.Value.User == ada && m.Value.Room == direct);
        Assert.Equal("just between us", reply.Value.Text);
        var echo = await chat.WaitForLineAsync($"{ada}: just between us", dm);

        // Commands run one at a time, so the room list is complete before the next command's answer.
        await chat.SendAsync("/rooms");
        await chat.SendAsync("/nonsense");
        var unknown = await chat.WaitForLineAsync("unknown command /nonsense; /help lists the commands", echo);
        var list = chat.Lines.Skip(echo + 1).Take(unknown - echo - 1).ToList();
        Assert.Contains(list, line => line.Contains($" @{bobName} ", StringComparison.Ordinal));
        Assert.Contains(list, line => line.Contains($" {room} ", StringComparison.Ordinal));

        Assert.Equal(0, await chat.QuitAsync());
        Assert.Equal("signed off", chat.Lines[^1]);
        Assert.DoesNotContain(chat.Lines, line => line.Contains('\u001b', StringComparison.Ordinal));
        await bob.WaitForAsync<HubEvent.Left>(e => e.User == ada && e.Room == room);
    }

    /// <summary>"[room] 14:03:07 bob: hi" without the room and the local time: "bob: hi".</summary>
    private static string AfterTime(string line) => line.Split(' ', 3)[2];
}
