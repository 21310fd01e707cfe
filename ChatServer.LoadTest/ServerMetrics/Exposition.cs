namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>One parsed scrape of <c>/metrics</c> (<see cref="PrometheusTextParser"/>), with the sums the reports and tests ask for.</summary>
internal sealed class Exposition(IReadOnlyDictionary<string, MetricFamily> families)
{
    public IReadOnlyDictionary<string, MetricFamily> Families { get; } = families;

    public IEnumerable<MetricSample> Samples => Families.Values.SelectMany(family => family.Samples);

    /// <summary>The sum of every sample named <paramref name="sampleName"/> whose labels include <paramref name="labels"/> (0 when there is none).</summary>
    public double Sum(string sampleName, params (string Name, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == sampleName && labels.All(label => sample.Labels.TryGetValue(label.Name, out var value) && value == label.Value))
            .Sum(sample => sample.Value);

    /// <summary>Whether a sample of that name is present at all.</summary>
    public bool Has(string sampleName) => Samples.Any(sample => sample.Name == sampleName);

    /// <summary>
    /// The histogram <paramref name="family"/> summed over its series that carry <paramref name="labels"/>: cumulative count
    /// per upper bound, in bound order (the last is +Inf). Empty when the histogram has no such series.
    /// </summary>
    public HistogramCounts Histogram(string family, params (string Name, string Value)[] labels)
    {
        var buckets = Samples
            .Where(sample => sample.Name == family + "_bucket" && labels.All(label => sample.Labels.TryGetValue(label.Name, out var value) && value == label.Value))
            .GroupBy(sample => PrometheusTextParser.ParseValue(sample.Labels["le"]))
            .OrderBy(group => group.Key)
            .Select(group => (UpperBound: group.Key, Count: group.Sum(sample => sample.Value)))
            .ToList();
        return new HistogramCounts(buckets, Sum(family + "_sum", labels));
    }
}
