namespace ChatServer.Samples.ConsoleChat;

/// <summary>
/// Entry point. Not top-level statements: the tests reference this assembly beside the server's public
/// <c>Program</c>, and two global <c>Program</c> types would collide there.
/// </summary>
internal static class ConsoleChatProgram
{
    // Ctrl+C (and SIGTERM) cancel the session's token through System.CommandLine's own handler: the client closes its
    // connection, so the others see the user leave at once.
    public static Task<int> Main(string[] args) =>
        ConsoleChatCommand.RunAsync(args, ChatConsole.Create(), Console.In, CancellationToken.None);
}
