namespace ChatServer.LoadTest.Metrics;

/// <summary>Deliveries and acknowledged sends per whole second since the run's clock started.</summary>
internal sealed class ThroughputTimeline(int seconds)
{
    private readonly long[] _delivered = new long[Math.Max(1, seconds)];
    private readonly long[] _acked = new long[Math.Max(1, seconds)];

    public void RecordDelivery(TimeSpan sinceStart) => Increment(_delivered, sinceStart);

    public void RecordAck(TimeSpan sinceStart) => Increment(_acked, sinceStart);

    /// <summary>The seconds up to <paramref name="until"/> (exclusive), as (second, delivered, acked).</summary>
    public IReadOnlyList<ThroughputPoint> Points(TimeSpan until)
    {
        var last = Math.Min(_delivered.Length, (int)Math.Ceiling(until.TotalSeconds));
        var points = new List<ThroughputPoint>(last);
        for (var s = 0; s < last; s++)
        {
            points.Add(new ThroughputPoint(s, Interlocked.Read(ref _delivered[s]), Interlocked.Read(ref _acked[s])));
        }

        return points;
    }

    private static void Increment(long[] counts, TimeSpan sinceStart)
    {
        var second = (int)sinceStart.TotalSeconds;
        if (second >= 0 && second < counts.Length)
        {
            Interlocked.Increment(ref counts[second]);
        }
    }
}
