using Spectre.Console;

namespace ChatServer.LoadTest;

/// <summary>
/// Entry point. Not top-level statements: the tests see this assembly's internals and the server's public
/// <c>Program</c>, and two global <c>Program</c> types would collide there.
/// </summary>
internal static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C stops the run cleanly (connections closed); a second one kills the process.
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        };

        return await LoadTestCommand.RunAsync(args, AnsiConsole.Console, stop.Token);
    }
}
