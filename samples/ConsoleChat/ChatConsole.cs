using Spectre.Console;

namespace ChatServer.Samples.ConsoleChat;

/// <summary>The console the sample writes to: colours and prompts at a terminal, plain lines otherwise.</summary>
internal static class ChatConsole
{
    // Wider than any line the sample prints (a message is at most 4000 characters), so plain output never wraps.
    private const int PlainWidth = 8192;

    /// <summary>
    /// At a terminal, Spectre's detection (colours, Unicode, prompts). With stdout redirected, no ANSI sequences at
    /// all and no wrapping, so a script or a test reads one line per event. Prompts need stdin at a terminal too.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var plain = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain || Console.IsInputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (plain)
        {
            console.Profile.Width = PlainWidth;
        }

        return console;
    }
}
