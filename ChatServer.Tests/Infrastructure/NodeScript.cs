using ChatServer.Tests.Cluster;

namespace ChatServer.Tests.Infrastructure;

/// <summary>Runs Node.js (found on PATH) to completion within a time limit (<see cref="ProcessRunner"/>).</summary>
internal static class NodeScript
{
    public static string Executable =>
        FindOnPath("node") ?? throw new InvalidOperationException("node not found on PATH: install Node.js (apt-get install -y nodejs)");

    /// <summary>node with the arguments; a run past the time limit is killed and throws a TimeoutException with its output.</summary>
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout) =>
        ProcessRunner.RunAsync(Executable, arguments, workingDirectory, timeout);

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }
}
