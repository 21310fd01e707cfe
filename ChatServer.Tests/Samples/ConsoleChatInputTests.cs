using ChatServer.Samples.ConsoleChat;

namespace ChatServer.Tests.Samples;

/// <summary>How the ConsoleChat sample reads a line: a message, a command, or a mistake it explains.</summary>
public sealed class ConsoleChatInputTests
{
    [Theory]
    [InlineData("hello there", "Say { Text = hello there }")]
    [InlineData("  padded  ", "Say { Text = padded }")]
    [InlineData("//not a command", "Say { Text = /not a command }")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("/join lobby", "Join { Room = lobby }")]
    [InlineData("/JOIN  lobby ", "Join { Room = lobby }")]
    [InlineData("/dm bob", "DirectMessage { User = bob }")]
    [InlineData("/leave", "Leave { }")]
    [InlineData("/rooms", "Rooms { }")]
    [InlineData("/history", "History { }")]
    [InlineData("/who", "Who { }")]
    [InlineData("/quit", "Quit { }")]
    [InlineData("/help", "Help { }")]
    [InlineData("/join", "Invalid { Problem = usage: /join <room> }")]
    [InlineData("/join two rooms", "Invalid { Problem = usage: /join <room> }")]
    [InlineData("/dm", "Invalid { Problem = usage: /dm <user> }")]
    [InlineData("/who is there", "Invalid { Problem = /who takes no argument }")]
    [InlineData("/shrug", "Invalid { Problem = unknown command /shrug; /help lists the commands }")]
    [InlineData("/", "Invalid { Problem = unknown command /; /help lists the commands }")]
    public void A_line_is_a_message_a_command_or_an_explained_mistake(string line, string? expected) =>
        Assert.Equal(expected, InputCommand.Parse(line)?.ToString());
}
