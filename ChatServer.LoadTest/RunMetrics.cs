using System.Collections.Concurrent;
using System.Diagnostics;
using ChatServer.LoadTest.Accounting;
using ChatServer.LoadTest.Metrics;

namespace ChatServer.LoadTest;

/// <summary>Everything a run counts while it goes; shared by all clients, lock-free where it is hot.</summary>
internal sealed class RunMetrics(int timelineSeconds)
{
    private long _connectAttempts;
    private long _connected;
    private long _connectFailures;
    private long _sent;
    private long _reconnects;
    private long _disconnects;
    private long _deliveredInWindow;
    private long _bytesReceived;
    private long _measureStart = long.MaxValue;
    private long _measureEnd = long.MaxValue;

    /// <summary>The run's zero: timeline seconds count from here.</summary>
    public long Origin { get; } = Stopwatch.GetTimestamp();

    public DeliveryLedger Ledger { get; } = new();

    /// <summary>Send → receipt, microseconds, for messages sent inside the measurement window.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>Start of WebSocket + SignalR handshake → connected, microseconds.</summary>
    public LatencyRecorder ConnectTime { get; } = new();

    public ThroughputTimeline Timeline { get; } = new(timelineSeconds);

    // Per minute of the window, by send time: one histogram each (about 185 KiB at 3 significant digits), created on first use.
    private readonly ConcurrentDictionary<int, LatencyRecorder> _latencyByMinute = new();

    public ErrorCounter SendErrors { get; } = new();

    public ErrorCounter ConnectErrors { get; } = new();

    public string Phase { get; set; } = "starting";

    /// <summary>How long getting every user's session took (registrations and logins, or one bulk provisioning).</summary>
    public double LoginSeconds { get; set; }

    public long ConnectAttempts => Interlocked.Read(ref _connectAttempts);

    public long Connected => Interlocked.Read(ref _connected);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public long Sent => Interlocked.Read(ref _sent);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long Disconnects => Interlocked.Read(ref _disconnects);

    public long DeliveredInWindow => Interlocked.Read(ref _deliveredInWindow);

    /// <summary>Hub-protocol payload bytes all connections received over the run (deliveries, acks, pings, snapshots).</summary>
    public long TotalBytesReceived => Interlocked.Read(ref _bytesReceived);

    public void OpenWindow(long start, long end)
    {
        Interlocked.Exchange(ref _measureStart, start);
        Interlocked.Exchange(ref _measureEnd, end);
    }

    public bool InWindow(long timestamp) =>
        timestamp >= Interlocked.Read(ref _measureStart) && timestamp < Interlocked.Read(ref _measureEnd);

    public TimeSpan SinceOrigin(long timestamp) => Stopwatch.GetElapsedTime(Origin, timestamp);

    public void ConnectAttempted() => Interlocked.Increment(ref _connectAttempts);

    public void ConnectSucceeded(TimeSpan took)
    {
        Interlocked.Increment(ref _connected);
        ConnectTime.Record((long)took.TotalMicroseconds);
    }

    public void ConnectFailed(Exception error)
    {
        Interlocked.Increment(ref _connectFailures);
        ConnectErrors.Record(error);
    }

    public void MessageSent() => Interlocked.Increment(ref _sent);

    public void Acked(long timestamp) => Timeline.RecordAck(SinceOrigin(timestamp));

    public void BytesReceived(int count) => Interlocked.Add(ref _bytesReceived, count);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void Disconnected() => Interlocked.Increment(ref _disconnects);

    /// <summary>One receipt at one client: ledger, timeline, window count and (for first receipts) latency.</summary>
    public void Received(ReceiverLog receiver, MessageKey key, string? text, long now)
    {
        var kind = Ledger.RecordDelivery(receiver, key);
        Timeline.RecordDelivery(SinceOrigin(now));
        if (InWindow(now))
        {
            Interlocked.Increment(ref _deliveredInWindow);
        }

        if (kind != DeliveryKind.Duplicate && MessageText.TryReadTimestamp(text, out var sentAt) && InWindow(sentAt))
        {
            var microseconds = (long)Stopwatch.GetElapsedTime(sentAt, now).TotalMicroseconds;
            Latency.Record(microseconds);
            var minute = (int)Stopwatch.GetElapsedTime(Interlocked.Read(ref _measureStart), sentAt).TotalMinutes;
            _latencyByMinute.GetOrAdd(minute, static _ => new LatencyRecorder(LatencyRecorder.CoarseDigits)).Record(microseconds);
        }
    }

    /// <summary>Latency per minute of the measurement window, in order.</summary>
    public IReadOnlyList<MinuteLatency> LatencyByMinute() =>
        [.. _latencyByMinute.OrderBy(pair => pair.Key).Select(pair => new MinuteLatency(pair.Key, PercentileSummary.FromMicroseconds(pair.Value)))];
}
