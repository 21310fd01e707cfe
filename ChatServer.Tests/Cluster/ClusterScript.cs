using System.Text;

namespace ChatServer.Tests.Cluster;

/// <summary>Runs <c>./cluster.sh</c> and reads what it leaves in <c>.cluster/</c>.</summary>
internal static class ClusterScript
{
    /// <summary>A cold Release build plus start-up; cluster.sh itself gives up on readiness after 90 s.</summary>
    public static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan QuickTimeout = TimeSpan.FromSeconds(60);

    public static Task<ProcessResult> RunAsync(TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync(timeout, environment: null, cancellationToken, arguments);

    public static Task<ProcessResult> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, params string[] arguments) =>
        ProcessRunner.RunAsync("/bin/bash", [RepositoryPaths.ClusterScript, .. arguments], RepositoryPaths.Root, timeout, environment, cancellationToken);

    /// <summary><c>./cluster.sh up N</c> (with <c>--observe</c>: and Prometheus), failing with the script's output and the tail of every log.</summary>
    public static async Task UpAsync(int count, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null, bool observe = false)
    {
        ProcessResult result;
        try
        {
            string[] arguments = ["up", count.ToString(System.Globalization.CultureInfo.InvariantCulture), .. observe ? ["--observe"] : Array.Empty<string>()];
            result = await RunAsync(UpTimeout, environment, cancellationToken, arguments);
        }
        catch (TimeoutException timeout)
        {
            throw new InvalidOperationException(timeout.Message + "\n" + LogTails(), timeout);
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"./cluster.sh up {count} failed: {result.Describe()}\n{LogTails()}");
        }
    }

    public static async Task DownAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(QuickTimeout, cancellationToken, "down");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"./cluster.sh down failed: {result.Describe()}");
        }
    }

    public static int ReadPid(string name) =>
        int.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.StateDirectory, name + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static bool PidFileExists(string name) => File.Exists(Path.Combine(RepositoryPaths.StateDirectory, name + ".pid"));

    /// <summary>The last lines of every log in <c>.cluster/</c>: what a failed start-up needs to be understood.</summary>
    public static string LogTails(int lines = 25)
    {
        if (!Directory.Exists(RepositoryPaths.StateDirectory))
        {
            return "(no .cluster directory)";
        }

        var text = new StringBuilder();
        foreach (var log in Directory.GetFiles(RepositoryPaths.StateDirectory, "*.log").Order(StringComparer.Ordinal))
        {
            text.Append("---- ").Append(Path.GetFileName(log)).AppendLine(" ----");
            foreach (var line in File.ReadLines(log).TakeLast(lines))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }
}
