namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>A Prometheus histogram's cumulative bucket counts (upper bound in the histogram's unit, +Inf last) and sum.</summary>
internal sealed record HistogramCounts(IReadOnlyList<(double UpperBound, double Count)> Buckets, double Sum)
{
    public double Count => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    /// <summary>What was observed between <paramref name="before"/> and this (the same histogram scraped later).</summary>
    public HistogramCounts Minus(HistogramCounts before)
    {
        var earlier = before.Buckets.ToDictionary(bucket => bucket.UpperBound, bucket => bucket.Count);
        return new HistogramCounts([.. Buckets.Select(bucket => (bucket.UpperBound, bucket.Count - earlier.GetValueOrDefault(bucket.UpperBound)))], Sum - before.Sum);
    }

    /// <summary>This and <paramref name="other"/> together (two instances' histograms with the same buckets), as <c>sum by (le)</c>.</summary>
    public HistogramCounts Plus(HistogramCounts other)
    {
        var counts = Buckets.ToDictionary(bucket => bucket.UpperBound, bucket => bucket.Count);
        foreach (var (bound, count) in other.Buckets) counts[bound] = counts.GetValueOrDefault(bound) + count;
        return new HistogramCounts([.. counts.OrderBy(pair => pair.Key).Select(pair => (pair.Key, pair.Value))], Sum + other.Sum);
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0..1) estimated as Prometheus's <c>histogram_quantile</c> does: linear within the
    /// bucket it falls in; the highest finite bound when it falls in +Inf. NaN when nothing was observed.
    /// </summary>
    public double Quantile(double quantile)
    {
        if (Count <= 0) return double.NaN;
        var rank = quantile * Count;
        var (lower, below) = (0.0, 0.0);
        foreach (var (upper, cumulative) in Buckets)
        {
            if (cumulative >= rank)
            {
                if (double.IsPositiveInfinity(upper)) return lower;
                return cumulative == below ? upper : lower + ((upper - lower) * (rank - below) / (cumulative - below));
            }

            (lower, below) = (upper, cumulative);
        }

        return lower;
    }
}
