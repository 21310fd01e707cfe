namespace ChatServer.Samples.ConsoleChat;

/// <summary>
/// One line of input: a message for the current room, or a slash command. Parsing is separate from running so the
/// same rules hold for a person at a terminal and for a script piping lines in.
/// </summary>
internal abstract record InputCommand
{
    /// <summary>What <c>/help</c> prints: each command with what it does.</summary>
    public static IReadOnlyList<(string Usage, string Does)> Usages { get; } =
    [
        ("/join <room>", "join a room (or switch to it) and show its recent messages"),
        ("/leave", "leave the current room"),
        ("/rooms", "list the rooms with members or history"),
        ("/history", "show older messages of the current room"),
        ("/dm <user>", "open the direct room with a user"),
        ("/who", "who is online in the current room"),
        ("/quit", "sign off (so does the end of input)"),
        ("/help", "this list"),
        ("<text>", "send a message to the current room; start it with // to send a leading /"),
    ];

    /// <summary>Reads one line; null for a blank line, which does nothing.</summary>
    public static InputCommand? Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (!text.StartsWith('/'))
        {
            return new Say(text);
        }

        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            return new Say(text[1..]);
        }

        var parts = text[1..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var name = parts.Length == 0 ? "" : parts[0].ToLowerInvariant();
        var argument = parts.Length == 2 ? parts[1] : null;
        return (name, argument) switch
        {
            ("join", { } room) when !room.Contains(' ', StringComparison.Ordinal) => new Join(room),
            ("dm", { } user) when !user.Contains(' ', StringComparison.Ordinal) => new DirectMessage(user),
            ("join" or "dm", _) => new Invalid($"usage: /{name} <{(name == "join" ? "room" : "user")}>"),
            ("leave", null) => new Leave(),
            ("rooms", null) => new Rooms(),
            ("history", null) => new History(),
            ("who", null) => new Who(),
            ("quit", null) => new Quit(),
            ("help", null) => new Help(),
            ("leave" or "rooms" or "history" or "who" or "quit" or "help", _) => new Invalid($"/{name} takes no argument"),
            _ => new Invalid($"unknown command /{name}; /help lists the commands"),
        };
    }

    /// <summary>A message for the current room.</summary>
    public sealed record Say(string Text) : InputCommand;

    /// <summary>Join <see cref="Room"/>, or make it current when already joined.</summary>
    public sealed record Join(string Room) : InputCommand;

    /// <summary>Leave the current room.</summary>
    public sealed record Leave : InputCommand;

    /// <summary>List the rooms.</summary>
    public sealed record Rooms : InputCommand;

    /// <summary>The page of the current room's history before the oldest message shown.</summary>
    public sealed record History : InputCommand;

    /// <summary>Open and join the direct room with <see cref="User"/>.</summary>
    public sealed record DirectMessage(string User) : InputCommand;

    /// <summary>Who is online in the current room.</summary>
    public sealed record Who : InputCommand;

    /// <summary>End the session.</summary>
    public sealed record Quit : InputCommand;

    /// <summary>List the commands.</summary>
    public sealed record Help : InputCommand;

    /// <summary>A line that is not a valid command, with what is wrong.</summary>
    public sealed record Invalid(string Problem) : InputCommand;
}
