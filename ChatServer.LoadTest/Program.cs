using ChatServer.LoadTest;
using Spectre.Console;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the run cleanly (connections closed); a second one kills the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};

return await LoadTestCommand.RunAsync(args, AnsiConsole.Console, stop.Token);
