namespace ChatServer.LoadTest;

/// <summary>The measurement window's length and the CPU time this process spent in it (the generator's own cost).</summary>
internal sealed record SendWindow(TimeSpan Duration, TimeSpan GeneratorCpu);
