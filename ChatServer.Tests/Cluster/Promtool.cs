using System.Text;
using System.Text.Json;

namespace ChatServer.Tests.Cluster;

/// <summary>Prometheus's own checks (promtool, from the Debian package): configuration files and PromQL expressions.</summary>
internal static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<ProcessResult> CheckConfigAsync(string file) =>
        ProcessRunner.RunAsync("promtool", ["check", "config", file], RepositoryPaths.Root, Timeout);

    /// <summary>
    /// Parses <paramref name="expressions"/> with Prometheus's PromQL parser, as the expressions of recording rules
    /// (promtool has no check for a bare query). Grafana's variables must be replaced first.
    /// </summary>
    public static async Task<ProcessResult> CheckExpressionsAsync(IEnumerable<string> expressions)
    {
        var rules = new StringBuilder("groups:\n  - name: checked\n    rules:\n");
        var index = 0;
        foreach (var expression in expressions)
        {
            // A JSON string is a valid YAML double-quoted scalar.
            rules.Append("      - record: checked:expression_").Append(++index).Append('\n')
                .Append("        expr: ").Append(JsonSerializer.Serialize(expression)).Append('\n');
        }

        var file = Path.Combine(Path.GetTempPath(), $"promql-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, rules.ToString());
        try
        {
            return await ProcessRunner.RunAsync("promtool", ["check", "rules", file], RepositoryPaths.Root, Timeout);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
