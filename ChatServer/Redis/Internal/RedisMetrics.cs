using System.Diagnostics.Metrics;

namespace ChatServer.Redis;

/// <summary>
/// The client's instruments on the meter <c>ChatServer.Redis</c>: commands, errors by kind, reconnects,
/// in-flight depth, and pub/sub deliveries and drops. One instance per connection, no static state.
/// </summary>
internal sealed class RedisMetrics : IDisposable
{
    public const string MeterName = "ChatServer.Redis";

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _reconnects;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _dropped;

    public RedisMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_ownedMeter = new Meter(MeterName));
        _commands = meter.CreateCounter<long>("redis.client.commands", "{command}", "Commands sent");
        _errors = meter.CreateCounter<long>("redis.client.errors", "{error}", "Commands that failed, by error.type");
        _reconnects = meter.CreateCounter<long>("redis.client.reconnects", "{reconnect}", "Successful reconnects");
        _inFlight = meter.CreateUpDownCounter<long>("redis.client.inflight", "{command}", "Commands waiting for a reply");
        _messages = meter.CreateCounter<long>("redis.client.pubsub.messages", "{message}", "Pub/sub messages received");
        _dropped = meter.CreateCounter<long>("redis.client.pubsub.dropped", "{message}", "Pub/sub messages dropped by full handler queues");
    }

    public void CommandStarted()
    {
        _commands.Add(1);
        _inFlight.Add(1);
    }

    public void CommandFinished() => _inFlight.Add(-1);

    public void Error(string type) => _errors.Add(1, new KeyValuePair<string, object?>("error.type", type));

    public void Reconnected() => _reconnects.Add(1);

    public void MessageReceived() => _messages.Add(1);

    public void MessageDropped() => _dropped.Add(1);

    public void Dispose() => _ownedMeter?.Dispose();
}
