using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ChatServer.Metrics;

/// <summary>
/// The project's own meter, <c>ChatServer</c>: what an operator of a chat cluster asks first (who is connected, how
/// fast messages flow, how far behind delivery is, what went wrong). Created through the host's
/// <see cref="IMeterFactory"/>, so each host has its own meter and tests can run several hosts in one process.
/// </summary>
/// <remarks>
/// Instrument names follow OpenTelemetry's conventions (dots, units apart); the Prometheus exporter prints them as
/// <c>chat_messages_stored_total</c>, <c>chat_send_duration_seconds</c> and so on (README, "Operations"). No tag ever
/// carries a user or room name: a series per room or user would grow without bound. The instance id is a resource
/// attribute (<c>target_info</c>), and Prometheus adds its own <c>instance</c> label per scrape target.
/// Counters and gauges are plain fields behind observable instruments: an increment on the hot path is one atomic
/// add, each scrape reads the exact value, and every series is there from the start, at zero, instead of appearing
/// with its first event (a missing series reads as "no data", not 0, in Grafana). The histograms appear with their
/// first observation.
/// </remarks>
public sealed class ChatMetrics : IDisposable
{
    public const string MeterName = "ChatServer";

    /// <summary>
    /// Bucket bounds in seconds for chat latencies: a send is a few Redis round trips (about a millisecond on one
    /// host, tens across zones); delivery adds a hop through Redis pub/sub and a socket write. Fine from 0.5 ms to
    /// 100 ms where p50 to p99 live, coarse up to 10 s where only outages and replays reach.
    /// </summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The transport × protocol pairs SignalR can serve (SSE carries text only), reported from the start.</summary>
    private static readonly (string Transport, string Protocol)[] KnownConnectionKinds =
    [
        ("web_sockets", "json"), ("web_sockets", "messagepack"), ("server_sent_events", "json"), ("long_polling", "json"), ("long_polling", "messagepack"),
    ];

    private static readonly RedisFailureKind[] FailureKinds = Enum.GetValues<RedisFailureKind>();

    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Transport, string Protocol), StrongBox<long>> _connections = new();
    private readonly long[] _redisErrors = new long[FailureKinds.Length];
    private readonly Histogram<double> _sendDuration;
    private readonly Histogram<double> _deliveryLag;
    private long _roomMembers;
    private long _messagesStored;
    private long _messagesDelivered;
    private long _replayedMessages;
    private long _slowConsumerDisconnects;
    private long _rateLimited;
    private long _sweptConnections;

    public ChatMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        foreach (var kind in KnownConnectionKinds) _connections[kind] = new StrongBox<long>();

        _meter = meters.Create(MeterName);
        _meter.CreateObservableUpDownCounter("chat.connections", ObserveConnections, "{connection}", "Hub connections this instance holds, by transport and hub protocol");
        _meter.CreateObservableUpDownCounter("chat.room.members", () => Interlocked.Read(ref _roomMembers), "{member}", "Room memberships of this instance's connections (a connection in three rooms counts three)");
        _meter.CreateObservableCounter("chat.messages.stored", () => Interlocked.Read(ref _messagesStored), "{message}", "Messages stored by the sends this instance handled (a repeated clientMessageId stores nothing)");
        _meter.CreateObservableCounter("chat.messages.delivered", () => Interlocked.Read(ref _messagesDelivered), "{message}", "Room messages written to this instance's connections (one per receiving connection)");
        _meter.CreateObservableCounter("chat.backplane.replayed_messages", () => Interlocked.Read(ref _replayedMessages), "{message}", "Room messages read back from the streams after the subscriber connection to Redis came back");
        _meter.CreateObservableCounter("chat.slow_consumer.disconnects", () => Interlocked.Read(ref _slowConsumerDisconnects), "{connection}", "Connections closed for falling too far behind their rooms");
        _meter.CreateObservableCounter("chat.rate_limited", () => Interlocked.Read(ref _rateLimited), "{message}", "Sends refused by the per-user or per-address rate limit");
        _meter.CreateObservableCounter("chat.redis.errors", ObserveRedisErrors, "{error}", "Redis calls that failed, by kind (connection, timeout, loading, closed)");
        _meter.CreateObservableCounter("chat.presence.swept_connections", () => Interlocked.Read(ref _sweptConnections), "{connection}", "Connections of dead instances removed from presence by this instance");

        var latency = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        _sendDuration = _meter.CreateHistogram("chat.send.duration", "s", "SendMessage from the hub call arriving to its result leaving, by outcome", tags: null, advice: latency);
        _deliveryLag = _meter.CreateHistogram("chat.delivery.lag", "s", "From a message being stored to its write to a connection on this instance", tags: null, advice: latency);
    }

    public void ConnectionOpened(string transport, string protocol) =>
        Interlocked.Increment(ref _connections.GetOrAdd((transport, protocol), static _ => new StrongBox<long>()).Value);

    public void ConnectionClosed(string transport, string protocol) =>
        Interlocked.Decrement(ref _connections.GetOrAdd((transport, protocol), static _ => new StrongBox<long>()).Value);

    public void RoomJoined() => Interlocked.Increment(ref _roomMembers);

    public void RoomLeft() => Interlocked.Decrement(ref _roomMembers);

    public void MessageStored() => Interlocked.Increment(ref _messagesStored);

    /// <summary>A room message written to one connection; <paramref name="storedAt"/> is its <c>sentAt</c> (UTC), the time it was stored.</summary>
    public void MessageDelivered(DateTime storedAt)
    {
        Interlocked.Increment(ref _messagesDelivered);
        if (_deliveryLag.Enabled)
        {
            // Clocks of two hosts meet here (Redis's, which stamps the id, and this instance's): never below zero.
            _deliveryLag.Record(Math.Max(0, (_time.GetUtcNow().UtcDateTime - storedAt).TotalSeconds));
        }
    }

    public void SendCompleted(TimeSpan duration, bool succeeded) =>
        _sendDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error"));

    public void MessagesReplayed(int count) => Interlocked.Add(ref _replayedMessages, count);

    public void SlowConsumerDisconnected() => Interlocked.Increment(ref _slowConsumerDisconnects);

    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    public void RedisError(RedisFailureKind kind) => Interlocked.Increment(ref _redisErrors[(int)kind]);

    public void ConnectionsSwept(int count) => Interlocked.Add(ref _sweptConnections, count);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveConnections() =>
        _connections.Select(pair => new Measurement<long>(
            Interlocked.Read(ref pair.Value.Value),
            new KeyValuePair<string, object?>("transport", pair.Key.Transport),
            new KeyValuePair<string, object?>("protocol", pair.Key.Protocol)));

    private IEnumerable<Measurement<long>> ObserveRedisErrors() =>
        FailureKinds.Select(kind => new Measurement<long>(Interlocked.Read(ref _redisErrors[(int)kind]), new KeyValuePair<string, object?>("kind", KindLabel(kind))));

    private static string KindLabel(RedisFailureKind kind) => kind switch
    {
        RedisFailureKind.Connection => "connection",
        RedisFailureKind.Timeout => "timeout",
        RedisFailureKind.Loading => "loading",
        RedisFailureKind.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
