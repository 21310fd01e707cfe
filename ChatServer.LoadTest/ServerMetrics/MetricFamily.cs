namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>A metric family of the exposition: its name, <c># TYPE</c>, <c># HELP</c> and samples in order.</summary>
internal sealed class MetricFamily(string name, string type)
{
    public string Name { get; } = name;

    /// <summary>counter, gauge, histogram, summary or untyped.</summary>
    public string Type { get; set; } = type;

    public string? Help { get; set; }

    public List<MetricSample> Samples { get; } = [];
}
