using System.Diagnostics;
using System.Globalization;

namespace ChatServer.Benchmarks;

/// <summary>Runs the real <c>redis-benchmark</c> and reads its requests per second from the CSV output.</summary>
internal static class RedisBenchmarkTool
{
    public static double Run(string host, int port, int clients, int pipeline, int requests, string[] test)
    {
        var info = new ProcessStartInfo("redis-benchmark") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-c", clients.ToString(CultureInfo.InvariantCulture), "-P", pipeline.ToString(CultureInfo.InvariantCulture), "-n", requests.ToString(CultureInfo.InvariantCulture), "--csv" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in test) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-benchmark did not start");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        // "test","rps",... then one line per test: "SET","472813.22",...
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => !l.StartsWith("\"test\"", StringComparison.Ordinal));
        var rps = line.Split(',')[1].Trim('"');
        return double.Parse(rps, CultureInfo.InvariantCulture);
    }
}
