using System.Diagnostics;
using System.Text;
using ChatServer.Tests.Browser;
using Xunit.Abstractions;

namespace ChatServer.Tests.Js;

/// <summary>
/// Runs contract-check.mjs (the official @microsoft/signalr client under Node) against the real app on a real
/// Kestrel port: HTTP auth, every hub method and event, all transports, and the contract's error messages.
/// </summary>
public sealed class JavaScriptClientContractTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Official_JavaScript_client_passes_the_contract_checks(bool throughNginx)
    {
        var repositoryRoot = KestrelChatApplication.FindRepositoryRoot()
            ?? throw new InvalidOperationException($"ChatServer.sln not found above {AppContext.BaseDirectory}");
        var script = Path.Combine(repositoryRoot.FullName, "ChatServer.Tests", "Js", "contract-check.mjs");
        Assert.True(File.Exists(script), $"contract script missing: {script}");
        var signalRPackage = Path.Combine(repositoryRoot.FullName, "node_modules", "@microsoft", "signalr", "package.json");
        Assert.True(File.Exists(signalRPackage),
            $"node_modules/@microsoft/signalr not found in {repositoryRoot.FullName}: run 'npm ci' in the repository root");
        var node = FindOnPath("node")
            ?? throw new InvalidOperationException("node not found on PATH: install Node.js (apt-get install -y nodejs)");

        await using var app = new KestrelChatApplication();
        var baseAddress = app.Start();
        await using var nginx = throughNginx ? await NginxFrontProxy.StartAsync(baseAddress, CancellationToken.None) : null;
        if (nginx is not null)
        {
            baseAddress = nginx.BaseAddress;
        }

        var result = await RunAsync(node, [script, baseAddress.GetLeftPart(UriPartial.Authority)], repositoryRoot.FullName);

        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);
        Assert.False(result.TimedOut, $"node did not finish within {ScriptTimeout.TotalSeconds} s.\n{result}");
        Assert.True(result.ExitCode == 0, $"node exited with {result.ExitCode}.\n{result}");
        Assert.Contains("all contract checks passed", result.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<ScriptResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
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

        using var timeout = new CancellationTokenSource(ScriptTimeout);
        var timedOut = false;
        try
        {
            // Also waits until the redirected output has been read to the end.
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Reported through TimedOut; the process is killed so the test run cannot hang.
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        return new ScriptResult(timedOut ? -1 : process.ExitCode, timedOut, Read(standardOutput), Read(standardError));
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

    private sealed record ScriptResult(int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";
    }
}
