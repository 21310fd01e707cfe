using System.Diagnostics;
using System.Text;

namespace ChatServer.Tests.Infrastructure;

/// <summary>Runs Node.js (found on PATH) with arguments and a time limit, collecting its output for the test's message.</summary>
internal static class NodeScript
{
    public static string Executable =>
        FindOnPath("node") ?? throw new InvalidOperationException("node not found on PATH: install Node.js (apt-get install -y nodejs)");

    public static async Task<NodeResult> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Append(standardError, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            // Also waits until the redirected output has been read to the end.
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Reported through TimedOut; the process is killed so the test run cannot hang.
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        return new NodeResult(timedOut ? -1 : process.ExitCode, timedOut, Read(standardOutput), Read(standardError));
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }
}

internal sealed record NodeResult(int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
{
    public override string ToString() => $"--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";
}
