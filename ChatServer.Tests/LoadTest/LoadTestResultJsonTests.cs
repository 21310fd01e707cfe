using System.Text.Json;
using ChatServer.LoadTest;
using ChatServer.LoadTest.Accounting;
using ChatServer.LoadTest.Reporting;

namespace ChatServer.Tests.LoadTest;

public sealed class LoadTestResultJsonTests
{
    private static LoadTestResult SampleResult(bool loseOne = false)
    {
        var options = new LoadTestOptions { Url = new Uri("http://127.0.0.1:5000/"), Clients = 2, Rooms = 1, Duration = TimeSpan.FromSeconds(2) };
        var metrics = LoadRunner.CreateMetrics(options);
        var alice = new ReceiverLog("r");
        var bob = new ReceiverLog("r");
        metrics.ConnectAttempted();
        metrics.ConnectAttempted();
        metrics.ConnectSucceeded(TimeSpan.FromMilliseconds(3));
        metrics.ConnectSucceeded(TimeSpan.FromMilliseconds(4));
        metrics.Ledger.AddMember("r");
        metrics.Ledger.AddMember("r");
        metrics.OpenWindow(metrics.Origin, metrics.Origin + TimeSpan.TicksPerHour);
        metrics.MessageSent();
        metrics.Ledger.RecordAck("r", new MessageKey(1, 0));
        metrics.Received(alice, new MessageKey(1, 0), MessageText.Create(metrics.Origin, 20), metrics.Origin + 1000);
        if (!loseOne)
        {
            metrics.Received(bob, new MessageKey(1, 0), MessageText.Create(metrics.Origin, 20), metrics.Origin + 2000);
        }

        metrics.SendErrors.Record("rateLimited");
        var instances = new Dictionary<string, int> { ["chat-1"] = 2 };
        return LoadTestResult.Create(options, metrics, instances, new SendWindow(options.Duration, TimeSpan.FromSeconds(1), TimeSpan.Zero));
    }

    [Fact]
    public void Json_has_every_key_scripts_rely_on()
    {
        using var json = JsonDocument.Parse(JsonReport.Serialize(SampleResult()));
        var root = json.RootElement;

        foreach (var key in new[]
        {
            "clients", "connected", "failedConnections", "sent", "acked", "sendErrors", "expectedDeliveries", "delivered",
            "lost", "duplicates", "outOfOrder", "deliveredPerSec", "latencyMs", "instances", "options", "connectMs",
            "reconnects", "outOfOrderByRoom", "throughput", "latencyPercentiles", "processorCount",
        })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key '{key}'");
        }

        foreach (var key in new[] { "p50", "p90", "p99", "p999", "max" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty("latencyMs").GetProperty(key).ValueKind);
        }

        Assert.Equal(2, root.GetProperty("clients").GetInt32());
        Assert.Equal(2, root.GetProperty("connected").GetInt32());
        Assert.Equal(2, root.GetProperty("expectedDeliveries").GetInt64());
        Assert.Equal(2, root.GetProperty("delivered").GetInt64());
        Assert.Equal(0, root.GetProperty("lost").GetInt64());
        Assert.Equal(2, root.GetProperty("instances").GetProperty("chat-1").GetInt32());
        Assert.Equal(1, root.GetProperty("sendErrors").GetProperty("rateLimited").GetInt64());
        Assert.Equal(2.0, root.GetProperty("options").GetProperty("durationSeconds").GetDouble());
        Assert.Equal(2, root.GetProperty("latencyMs").GetProperty("count").GetInt64());
        Assert.True(root.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void A_lost_delivery_fails_the_run_and_says_why()
    {
        var result = SampleResult(loseOne: true);

        Assert.Equal(1, result.Lost);
        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.Contains("lost", StringComparison.Ordinal));
    }

    [Fact]
    public void The_html_report_is_self_contained_with_two_charts()
    {
        var html = HtmlReport.Render(SampleResult());

        Assert.Equal(2, html.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("10m", 600_000)]
    [InlineData("1.5s", 1_500)]
    public void Durations_parse_with_units(string text, int milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-3s")]
    public void Bad_durations_are_rejected(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void Message_text_carries_its_timestamp_at_the_requested_size()
    {
        var text = MessageText.Create(123456789, 40);

        Assert.Equal(40, text.Length);
        Assert.True(MessageText.TryReadTimestamp(text, out var stamp));
        Assert.Equal(123456789, stamp);
        Assert.False(MessageText.TryReadTimestamp("hello", out _));
    }
}
