namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>One line of the exposition: a sample name (the family's, or with <c>_bucket</c>, <c>_sum</c>, …), its labels and value.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long? TimestampMs)
{
    /// <summary>The label set as one string, in name order, for telling series apart.</summary>
    public string SeriesKey(params string[] except) =>
        string.Join(',', Labels.Where(label => !except.Contains(label.Key)).OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"));
}
