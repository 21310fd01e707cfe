namespace ChatServer.LoadTest;

/// <summary>The measurement window's length and the CPU time this process spent in it (the generator's own cost).</summary>
/// <param name="ServerCpu">CPU time of the processes named by <c>--server-pids</c> in the window; zero when none.</param>
internal sealed record SendWindow(TimeSpan Duration, TimeSpan GeneratorCpu, TimeSpan ServerCpu);
