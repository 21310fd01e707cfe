using System.Diagnostics;
using ChatServer.LoadTest.Metrics;

namespace ChatServer.Tests.LoadTest;

public sealed class ProcessCpuTests
{
    [Fact]
    public void Reads_this_process_and_never_goes_backwards()
    {
        var first = ProcessCpu.Read(Environment.ProcessId);

        // Burn a little CPU, bounded by a deadline rather than an iteration count.
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20);
        var spins = 0L;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            spins++;
        }

        var second = ProcessCpu.Read(Environment.ProcessId);
        Assert.True(first > TimeSpan.Zero, "a running test process has used CPU");
        Assert.True(second >= first, $"{second} after {first} ({spins} spins)");
    }
}
