using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatServer.Redis;

/// <summary>
/// Channel and pattern subscriptions on the subscriber socket: SUBSCRIBE on the first handler, UNSUBSCRIBE on the
/// last, everything re-sent after a reconnect, and published messages fanned out to handler queues in socket order.
/// </summary>
internal sealed class SubscriptionManager : IDisposable
{
    private static readonly byte[] MessageKind = "message"u8.ToArray();
    private static readonly byte[] PatternMessageKind = "pmessage"u8.ToArray();

    private readonly ConcurrentDictionary<SubscriptionKey, SubscriptionHandler[]> _handlers = new();

    // Serialises subscribe/unsubscribe/resubscribe so "first" and "last" are well defined.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RedisOptions _options;
    private readonly ILogger _logger;
    private readonly RedisMetrics _metrics;
    private ConnectionChannel? _channel;
    private bool _disposed;

    public SubscriptionManager(RedisOptions options, ILogger logger, RedisMetrics metrics)
    {
        _options = options;
        _logger = logger;
        _metrics = metrics;
    }

    private ConnectionChannel Channel => _channel ?? throw new InvalidOperationException("Subscriber channel not attached.");

    public void Attach(ConnectionChannel channel) => _channel = channel;

    public int Count => _handlers.Count;

    public async Task<RedisSubscription> SubscribeAsync(
        SubscriptionKey key,
        Func<RedisMessage, CancellationToken, ValueTask> handler,
        CancellationToken cancellationToken)
    {
        var subscription = new SubscriptionHandler(key, handler, _options.SubscriptionQueueCapacity, _logger, _metrics);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_handlers.TryGetValue(key, out var existing))
            {
                _handlers[key] = [.. existing, subscription];
            }
            else
            {
                // Registered before SUBSCRIBE goes out, so no message published right after the ack is missed.
                _handlers[key] = [subscription];
                try
                {
                    await Channel.ExecuteAsync(Channel.CreateCommand([key.SubscribeCommand, key.Name]), cancellationToken);
                }
                catch
                {
                    _handlers.TryRemove(key, out _);
                    await subscription.DisposeAsync();
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        subscription.Start();
        return new RedisSubscription(this, subscription);
    }

    public async Task RemoveAsync(SubscriptionHandler subscription)
    {
        if (Volatile.Read(ref _disposed))
        {
            // The connection is gone and took every server-side subscription with it.
            await subscription.DisposeAsync();
            return;
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (!_handlers.TryGetValue(subscription.Key, out var existing)) return;
            var remaining = existing.Where(h => h != subscription).ToArray();
            if (remaining.Length > 0)
            {
                _handlers[subscription.Key] = remaining;
                return;
            }

            _handlers.TryRemove(subscription.Key, out _);
            if (Channel.State != RedisConnectionState.Connected) return;
            try
            {
                await Channel.ExecuteAsync(Channel.CreateCommand([subscription.Key.UnsubscribeCommand, subscription.Key.Name]), CancellationToken.None);
            }
            catch (RedisConnectionException)
            {
                // The socket went away mid-unsubscribe: the server dropped the subscription with it, and the key is
                // already gone from the set that is re-subscribed after reconnect. Nothing is left to undo.
                _metrics.Error("connection");
            }
        }
        finally
        {
            _gate.Release();
            await subscription.DisposeAsync();
        }
    }

    /// <summary>After a reconnect: re-send every subscription, pipelined, and wait for all acks.</summary>
    public async Task ResubscribeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var keys = _handlers.Keys.ToArray();
            var acks = keys.Select(key => Channel.ExecuteAsync(Channel.CreateCommand([key.SubscribeCommand, key.Name]), cancellationToken)).ToArray();
            await Task.WhenAll(acks);
            RedisLog.Resubscribed(_logger, keys.Length, _options.Endpoint);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Called by the subscriber socket's reader for every frame; takes <c>message</c>/<c>pmessage</c> pushes
    /// and leaves subscribe acks to the command FIFO.
    /// <code>
    ///   *3 $7 message  $channel $payload
    ///   *4 $8 pmessage $pattern $channel $payload
    /// </code>
    /// </summary>
    public bool TryDispatch(RedisResult frame)
    {
        if (frame.Type != RespType.Array || frame.IsNull) return false;
        var parts = frame.Elements;
        if (parts.Count < 3 || parts[0].Type != RespType.BulkString) return false;
        var kind = parts[0].ToBytes();

        RedisMessage message;
        SubscriptionKey key;
        if (parts.Count == 3 && kind.AsSpan().SequenceEqual(MessageKind))
        {
            var channel = parts[1].ToString()!;
            key = new SubscriptionKey(channel, false);
            message = new RedisMessage(channel, parts[2].ToRedisValue(), null);
        }
        else if (parts.Count == 4 && kind.AsSpan().SequenceEqual(PatternMessageKind))
        {
            var pattern = parts[1].ToString()!;
            key = new SubscriptionKey(pattern, true);
            message = new RedisMessage(parts[2].ToString()!, parts[3].ToRedisValue(), pattern);
        }
        else
        {
            return false;
        }

        _metrics.MessageReceived();
        if (_handlers.TryGetValue(key, out var handlers))
        {
            foreach (var handler in handlers) handler.Post(message);
        }

        return true;
    }

    /// <summary>Stops every handler loop (the connection is going away).</summary>
    public async Task DisposeHandlersAsync()
    {
        Volatile.Write(ref _disposed, true);
        foreach (var key in _handlers.Keys)
        {
            if (!_handlers.TryRemove(key, out var handlers)) continue;
            foreach (var handler in handlers) await handler.DisposeAsync();
        }
    }

    public void Dispose() => _gate.Dispose();
}
