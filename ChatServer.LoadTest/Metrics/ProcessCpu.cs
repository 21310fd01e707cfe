using System.Diagnostics;
using System.Globalization;

namespace ChatServer.LoadTest.Metrics;

/// <summary>
/// CPU time (user + system) of a local process. On Linux it is read from <c>/proc/&lt;pid&gt;/stat</c> directly:
/// Process.TotalProcessorTime of another process read far lower than /proc's own counters here.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux configuration .NET runs on.
    private const double ClockTicksPerSecond = 100;

    public static TimeSpan Read(int pid)
    {
        var statPath = $"/proc/{pid}/stat";
        if (OperatingSystem.IsLinux() && File.Exists(statPath))
        {
            // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
            var stat = File.ReadAllText(statPath);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
        }

        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
}
