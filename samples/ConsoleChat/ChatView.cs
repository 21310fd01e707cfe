using System.Globalization;
using ChatServer.Contracts;
using Microsoft.AspNetCore.SignalR;
using Spectre.Console;

namespace ChatServer.Samples.ConsoleChat;

/// <summary>
/// Everything the session shows, one method per kind of line. Events arrive on SignalR's threads while the input loop
/// prints too, so each method writes its lines under one lock: a room's snapshot is never split by a live message.
/// Text from the server is always escaped (a message "[red]" prints as typed). When stdout is not a terminal the
/// console has no ANSI at all (<see cref="ChatConsole"/>), so the same calls give plain, line-by-line text.
/// </summary>
internal sealed class ChatView(IAnsiConsole console, string userName)
{
    private readonly Lock _sync = new();

    public void SignedIn(Uri server) => Line($"[green]signed in as {userName}[/] at {server}; /help lists the commands");

    public void Rooms(IReadOnlyList<RoomInfo> rooms)
    {
        lock (_sync)
        {
            if (rooms.Count == 0)
            {
                console.MarkupLine("[grey]no rooms yet: /join <room> starts one[/]");
                return;
            }

            var table = new Table().AddColumn("room").AddColumn(new TableColumn("online").RightAligned());
            foreach (var room in rooms)
            {
                table.AddRow(Markup.Escape(Label(room.Room)), room.Online.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }
    }

    /// <summary>A joined room: who is there, its latest messages, who is typing.</summary>
    public void Joined(RoomSnapshot snapshot)
    {
        lock (_sync)
        {
            console.MarkupLineInterpolated($"[green]joined {Label(snapshot.Room)}[/] [grey](online: {string.Join(", ", snapshot.Online)})[/]");
            if (snapshot.HasMore)
            {
                console.MarkupLine("[grey]  older messages: /history[/]");
            }

            foreach (var message in snapshot.Messages)
            {
                WriteMessage(message);
            }

            if (snapshot.Typing.Count > 0)
            {
                console.MarkupLineInterpolated($"[grey]  typing in {Label(snapshot.Room)}: {string.Join(", ", snapshot.Typing)}[/]");
            }
        }
    }

    public void Switched(string room) => Line($"[green]now in {Label(room)}[/]");

    public void Left(string room, string? current) =>
        Line($"[grey]left {Label(room)}; {(current is null ? "no room joined: /join <room>" : "now in " + Label(current))}[/]");

    public void Message(ChatMessage message)
    {
        lock (_sync)
        {
            WriteMessage(message);
        }
    }

    /// <summary>A page of older messages, shown in order under a header.</summary>
    public void History(string room, HistoryPage page)
    {
        lock (_sync)
        {
            console.MarkupLineInterpolated($"[grey]older messages in {Label(room)}:[/]");
            foreach (var message in page.Messages)
            {
                WriteMessage(message);
            }

            console.MarkupLineInterpolated($"[grey]  {(page.HasMore ? "more: /history" : "(start of " + Label(room) + ")")}[/]");
        }
    }

    public void NoOlderMessages(string room) => Line($"[grey]no older messages in {Label(room)}[/]");

    public void Who(string room, IReadOnlyList<string> online) => Line($"online in {Label(room)}: {string.Join(", ", online)}");

    /// <summary>Someone else came or went (this user's own arrival is the "joined" line already).</summary>
    public void Presence(string room, string user, bool joined)
    {
        if (!IsMe(user))
        {
            Line($"[grey]  {user} {(joined ? "joined" : "left")} {Label(room)}[/]");
        }
    }

    public void Typing(string room, string user) => Line($"[grey]  {user} is typing in {Label(room)}...[/]");

    public void DirectRoomActivity(string fromUser) =>
        Line($"[yellow]{fromUser} sent you a direct message: /dm {fromUser} to read it[/]");

    public void Reconnecting() => Line($"[yellow]connection lost, reconnecting...[/]");

    public void Reconnected() => Line($"[green]reconnected; joined rooms resumed[/]");

    public void ResumeFailed(string room, Exception error) => Line($"[red]could not rejoin {Label(room)}: {error.Message}[/]");

    /// <summary>The connection closed for good. Without an error that is the session ending: <see cref="SignedOff"/> says so.</summary>
    public void Closed(Exception? error)
    {
        if (error is not null)
        {
            Line($"[red]disconnected: {error.Message}[/]");
        }
    }

    public void SignedOff() => Line($"[grey]signed off[/]");

    public void NoRoom() => Line($"[red]join a room first: /join <room>[/]");

    public void Error(string text) => Line($"[red]{text}[/]");

    /// <summary>
    /// A failed command. The SignalR client wraps the server's HubException text (written for people:
    /// "Join the room before sending") in "An unexpected error occurred invoking 'X' on the server. HubException: …";
    /// only the server's part is shown.
    /// </summary>
    public void Error(Exception error)
    {
        const string marker = "HubException: ";
        var text = error.Message;
        var at = error is HubException ? text.IndexOf(marker, StringComparison.Ordinal) : -1;
        Error(at < 0 ? text : text[(at + marker.Length)..]);
    }

    public void Help()
    {
        lock (_sync)
        {
            foreach (var (usage, does) in InputCommand.Usages)
            {
                console.MarkupLineInterpolated($"  [bold]{usage,-14}[/] {does}");
            }
        }
    }

    /// <summary><c>[lobby] 14:03:07 bob: hi</c>; a direct room shows as the other user, <c>[@bob]</c>.</summary>
    private void WriteMessage(ChatMessage message)
    {
        var time = message.SentAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var author = IsMe(message.User) ? "cyan" : "bold";
        console.MarkupLine(
            $"[blue]{Markup.Escape("[" + Label(message.Room) + "]")}[/] [grey]{time}[/] [{author}]{Markup.Escape(message.User)}[/]: {Markup.Escape(message.Text ?? "(deleted)")}");
    }

    /// <summary>A room's name as shown: public rooms as they are, <c>dm:{a}:{b}</c> as <c>@</c> the other user.</summary>
    private string Label(string room)
    {
        var parts = room.Split(':');
        if (parts is not ["dm", var first, var second])
        {
            return room;
        }

        return "@" + (IsMe(first) ? second : first);
    }

    private bool IsMe(string user) => string.Equals(user, userName, StringComparison.OrdinalIgnoreCase);

    private void Line(FormattableString markup)
    {
        lock (_sync)
        {
            console.MarkupLineInterpolated(markup);
        }
    }
}
