using ChatServer.LoadTest.ServerMetrics;

namespace ChatServer.Tests.Unit;

/// <summary>The strict exposition parser, on raw text as the exporter writes it, and on what Prometheus would refuse.</summary>
public sealed class PrometheusTextParserTests
{
    private const string Valid = """
        # TYPE target_info gauge
        # HELP target_info Target metadata
        target_info{service_name="chatserver",service_instance_id="chat-1"} 1
        # TYPE chat_connections gauge
        # HELP chat_connections Hub connections, by transport and hub protocol
        chat_connections{otel_scope_name="ChatServer",protocol="json",transport="web_sockets"} 3
        chat_connections{otel_scope_name="ChatServer",protocol="messagepack",transport="long_polling"} 1
        # TYPE chat_messages_stored_total counter
        chat_messages_stored_total{otel_scope_name="ChatServer"} 42 1700000000000
        # TYPE chat_send_duration_seconds histogram
        # HELP chat_send_duration_seconds A help text with a \\ backslash and a\nnew line
        chat_send_duration_seconds_bucket{outcome="ok",le="0.001"} 2
        chat_send_duration_seconds_bucket{outcome="ok",le="0.01"} 9
        chat_send_duration_seconds_bucket{outcome="ok",le="+Inf"} 10
        chat_send_duration_seconds_sum{outcome="ok"} 0.125
        chat_send_duration_seconds_count{outcome="ok"} 10
        chat_send_duration_seconds_bucket{outcome="error",le="0.001"} 0
        chat_send_duration_seconds_bucket{outcome="error",le="0.01"} 1
        chat_send_duration_seconds_bucket{outcome="error",le="+Inf"} 1
        chat_send_duration_seconds_sum{outcome="error"} 0.004
        chat_send_duration_seconds_count{outcome="error"} 1
        odd_label{path="a \"quoted\" \\ value\nsecond line",} NaN
        """;

    [Fact]
    public void A_valid_exposition_gives_its_families_samples_and_sums()
    {
        var parsed = PrometheusTextParser.Parse(Valid + "\n");

        Assert.Equal(["target_info", "chat_connections", "chat_messages_stored_total", "chat_send_duration_seconds", "odd_label"], parsed.Families.Keys);
        Assert.Equal("histogram", parsed.Families["chat_send_duration_seconds"].Type);
        Assert.Equal("untyped", parsed.Families["odd_label"].Type);
        Assert.Equal("A help text with a \\ backslash and a\nnew line", parsed.Families["chat_send_duration_seconds"].Help);
        Assert.Equal(4, parsed.Sum("chat_connections"));
        Assert.Equal(1, parsed.Sum("chat_connections", ("transport", "long_polling")));
        Assert.Equal(1700000000000, parsed.Families["chat_messages_stored_total"].Samples[0].TimestampMs);
        Assert.Equal("a \"quoted\" \\ value\nsecond line", parsed.Families["odd_label"].Samples[0].Labels["path"]);
        Assert.True(double.IsNaN(parsed.Families["odd_label"].Samples[0].Value));

        var all = parsed.Histogram("chat_send_duration_seconds");
        Assert.Equal(11, all.Count);
        Assert.Equal([(0.001, 2.0), (0.01, 10.0), (double.PositiveInfinity, 11.0)], all.Buckets);
        Assert.Equal(0.129, all.Sum, 6);
        Assert.Equal(10, parsed.Histogram("chat_send_duration_seconds", ("outcome", "ok")).Count);
    }

    [Theory]
    [InlineData("a_metric 1\r\n", "carriage return")]
    [InlineData("# TYPE a_metric countr\na_metric 1", "unknown type")]
    [InlineData("a_metric 1\n# TYPE a_metric counter", "after its samples")]
    [InlineData("# TYPE a_metric counter\n# TYPE a_metric counter\na_metric 1", "second TYPE")]
    [InlineData("# HELP a_metric one\n# HELP a_metric two\na_metric 1", "second HELP")]
    [InlineData("a_metric{x=\"1\"} 1\nb_metric 2\na_metric{x=\"2\"} 1", "not grouped")]
    [InlineData("a_metric{x=\"1\"} 1\na_metric{x=\"1\"} 2", "duplicate series")]
    [InlineData("a_metric{x=\"1\",x=\"2\"} 1", "twice")]
    [InlineData("a_metric{__name__=\"b\"} 1", "reserved")]
    [InlineData("a_metric{x=\"1} 1", "unterminated")]
    [InlineData("a_metric{x=\"\\t\"} 1", "unknown escape")]
    [InlineData("a_metric{x=1} 1", "expected =\"")]
    [InlineData("a_metric{x=\"1\" y=\"2\"} 1", "expected , or }")]
    [InlineData("a_metric one", "not a sample value")]
    [InlineData("a_metric 1 2 3", "optional timestamp")]
    [InlineData("a_metric 1 soon", "not a timestamp")]
    [InlineData("a_metric", "expected a blank")]
    [InlineData("9metric 1", "must start with a metric name")]
    [InlineData("# TYPE a_total counter\na_total -1", "counter a_total is -1")]
    [InlineData("a_metric{le=\"1\"} 1", "'le' belongs on histogram buckets only")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1", "no le=\"+Inf\" bucket")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2", "holds fewer")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3", "_count 3 is not the +Inf bucket's 2")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2", "has no _sum")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 2", "has no _count")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"soon\"} 2\nh_sum 2\nh_count 2", "is not a number")]
    public void What_prometheus_would_refuse_is_rejected_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 0.00325)]    // rank 5 of 10: the 1st of the 4 in (0.001, 0.01], a quarter of the way up
    [InlineData(0.99, 0.01)]      // the +Inf bucket's rank falls back to the highest finite bound
    public void A_quantile_is_interpolated_as_histogram_quantile_does(double quantile, double expected)
    {
        var histogram = new HistogramCounts([(0.001, 4), (0.01, 8), (double.PositiveInfinity, 10)], Sum: 1);

        Assert.Equal(expected, histogram.Quantile(quantile), 6);
    }

    [Fact]
    public void The_difference_of_two_scrapes_is_what_was_observed_between_them()
    {
        var before = new HistogramCounts([(0.001, 4), (0.01, 8), (double.PositiveInfinity, 10)], Sum: 1);
        var after = new HistogramCounts([(0.001, 5), (0.01, 18), (double.PositiveInfinity, 20)], Sum: 3);

        var between = after.Minus(before);

        Assert.Equal([(0.001, 1.0), (0.01, 10.0), (double.PositiveInfinity, 10.0)], between.Buckets);
        Assert.Equal(10, between.Count);
        Assert.Equal(2, between.Sum, 6);
        Assert.True(double.IsNaN(new HistogramCounts([], 0).Quantile(0.5)));
    }
}
