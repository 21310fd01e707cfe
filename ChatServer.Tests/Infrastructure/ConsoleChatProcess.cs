using System.Diagnostics;
using System.Text;
using ChatServer.Tests.Cluster;

namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// The ConsoleChat sample as a child process, driven the way a script drives it: lines written to its redirected
/// stdin, its stdout (not a terminal, so plain text) recorded line by line for the test to wait on. Disposing kills
/// it if it still runs.
/// </summary>
internal sealed class ConsoleChatProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();

    private ConsoleChatProcess(Process process) => _process = process;

    /// <summary>
    /// The sample's own build output (the test project references it, so it is built first, in the same configuration).
    /// Not the copy in the tests' folder: there the ASP.NET Core framework the tests run on stands in for the SignalR
    /// client's package assemblies, which the sample, a plain console app, must carry itself.
    /// </summary>
    private static string SamplePath
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory);
            return Path.Combine(RepositoryPaths.Root, "samples", "ConsoleChat", "bin", framework.Parent!.Name, framework.Name, "ConsoleChat.dll");
        }
    }

    /// <summary>Everything written to stdout so far, one entry per line.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    /// <summary>Signs in as <paramref name="userName"/>; the password goes through the environment, as a script would pass it.</summary>
    public static ConsoleChatProcess Start(Uri server, string userName, string password)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(SamplePath)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { SamplePath, "--server", server.ToString(), "--user", userName })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CHATSERVER_PASSWORD"] = password;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet ConsoleChat.dll");
        var chat = new ConsoleChatProcess(process);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (chat._lines) chat._lines.Add(line.Data);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (chat._errors) chat._errors.AppendLine(line.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return chat;
    }

    /// <summary>Types one line: a message for the current room or a slash command.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for a line at or after <paramref name="from"/> that contains <paramref name="text"/>; returns its index.</summary>
    public async Task<int> WaitForLineAsync(string text, int from = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var lines = Lines;
            for (var i = from; i < lines.Count; i++)
            {
                if (lines[i].Contains(text, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                Assert.Fail($"ConsoleChat printed no line with '{text}' (from line {from}; exited: {_process.HasExited}).\n{Describe()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Closes stdin after <c>/quit</c> and waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> QuitAsync(TimeSpan? timeout = null)
    {
        await SendAsync("/quit");
        _process.StandardInput.Close();
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>The output so far and stderr, numbered, for failure messages.</summary>
    public string Describe()
    {
        string errors;
        lock (_errors) errors = _errors.ToString();
        return "--- stdout ---\n" + string.Join('\n', Lines.Select((line, i) => $"{i,3}: {line}")) + "\n--- stderr ---\n" + errors;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
