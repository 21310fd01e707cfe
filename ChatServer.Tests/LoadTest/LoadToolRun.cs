using System.Text.Json;
using ChatServer.LoadTest;
using Spectre.Console;

namespace ChatServer.Tests.LoadTest;

/// <summary>
/// One run of the load tool's own entry point, in-process, with its console captured and its <c>--json</c> result
/// read back (the file is deleted again). Used by the smoke tests against one server and against the cluster.
/// </summary>
internal sealed class LoadToolRun : IDisposable
{
    private readonly JsonDocument? _document;

    private LoadToolRun(int exitCode, string output, JsonDocument? json)
    {
        ExitCode = exitCode;
        Output = output;
        _document = json;
    }

    public int ExitCode { get; }

    /// <summary>Everything the tool printed (progress and summary), for failure messages.</summary>
    public string Output { get; }

    public JsonElement Json => (_document ?? throw new InvalidOperationException("The tool wrote no JSON.\n" + Output)).RootElement;

    public static async Task<LoadToolRun> StartAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var jsonPath = Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json");
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var exitCode = await LoadTestCommand.RunAsync([.. arguments, "--json", jsonPath], console, cancellation.Token);
            var json = File.Exists(jsonPath) ? JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, cancellation.Token)) : null;
            return new LoadToolRun(exitCode, output.ToString(), json);
        }
        finally
        {
            File.Delete(jsonPath);
        }
    }

    /// <summary>Exit code 0: every connection made, nothing lost, duplicated or out of order.</summary>
    public void AssertPassed() =>
        Assert.True(ExitCode == LoadTestCommand.ExitPassed, $"exit code {ExitCode}\n{Output}");

    public long Number(string name) => Json.GetProperty(name).GetInt64();

    public Dictionary<string, int> ClientsPerInstance() =>
        Json.GetProperty("instances").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    public void Dispose() => _document?.Dispose();
}
