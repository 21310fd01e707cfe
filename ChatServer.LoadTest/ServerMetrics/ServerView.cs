namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>
/// The servers' view of a run, from their <c>/metrics</c> read before the first send and after the drain: messages
/// stored and delivered (to compare with what the clients acknowledged and received), the send and delivery-lag
/// percentiles over the cluster (to put next to the clients' end-to-end latency), and per instance. Percentiles are
/// estimated from the histograms' buckets as Prometheus's <c>histogram_quantile</c> does, so they are as fine as the
/// buckets (0.5, 1, 2, 5, 10, 20, 50 ms …). Counters include anything else the servers did meanwhile.
/// </summary>
internal sealed record ServerView(
    double Stored,
    double Delivered,
    double? SendP50Ms,
    double? SendP99Ms,
    double? DeliveryLagP50Ms,
    double? DeliveryLagP99Ms,
    double RedisErrors,
    double SlowConsumerDisconnects,
    double RateLimited,
    double Replayed,
    IReadOnlyList<InstanceView> Instances)
{
    public static ServerView Create(IReadOnlyList<InstanceScrape> before, IReadOnlyList<InstanceScrape> after)
    {
        var instances = new List<InstanceView>();
        var send = Empty;
        var lag = Empty;
        foreach (var (start, end) in before.Zip(after))
        {
            if (start.Metrics is not { } first || end.Metrics is not { } last)
            {
                instances.Add(new InstanceView(end.Instance, end.Url.ToString(), 0, 0, 0, null, null, 0, 0, 0, start.Error ?? end.Error));
                continue;
            }

            var instanceSend = last.Histogram("chat_send_duration_seconds", ("outcome", "ok")).Minus(first.Histogram("chat_send_duration_seconds", ("outcome", "ok")));
            var instanceLag = last.Histogram("chat_delivery_lag_seconds").Minus(first.Histogram("chat_delivery_lag_seconds"));
            send = send.Plus(instanceSend);
            lag = lag.Plus(instanceLag);
            instances.Add(new InstanceView(
                end.Instance,
                end.Url.ToString(),
                first.Sum("chat_connections"),
                Delta("chat_messages_stored_total"),
                Delta("chat_messages_delivered_total"),
                Ms(instanceSend, 0.99),
                Ms(instanceLag, 0.99),
                Delta("chat_redis_errors_total"),
                Delta("chat_slow_consumer_disconnects_total"),
                Delta("chat_rate_limited_total"),
                null));

            double Delta(string name) => last.Sum(name) - first.Sum(name);
        }

        var read = before.Zip(after).Where(pair => pair.First.Metrics is not null && pair.Second.Metrics is not null).ToList();
        double Total(string name) => read.Sum(pair => pair.Second.Metrics!.Sum(name) - pair.First.Metrics!.Sum(name));
        return new ServerView(
            Total("chat_messages_stored_total"),
            Total("chat_messages_delivered_total"),
            Ms(send, 0.5),
            Ms(send, 0.99),
            Ms(lag, 0.5),
            Ms(lag, 0.99),
            Total("chat_redis_errors_total"),
            Total("chat_slow_consumer_disconnects_total"),
            Total("chat_rate_limited_total"),
            Total("chat_backplane_replayed_messages_total"),
            instances);
    }

    private static HistogramCounts Empty => new([], 0);

    private static double? Ms(HistogramCounts histogram, double quantile)
    {
        var seconds = histogram.Quantile(quantile);
        return double.IsNaN(seconds) ? null : Math.Round(seconds * 1000, 3);
    }
}
