namespace ChatServer.Redis;

/// <summary>
/// One handler's subscription to a channel or pattern. Disposing it removes the handler; the last handler's
/// disposal unsubscribes on the server. Survives reconnects: it is re-established automatically.
/// </summary>
public sealed class RedisSubscription : IAsyncDisposable
{
    private readonly SubscriptionManager _manager;
    private readonly SubscriptionHandler _handler;
    private int _disposed;

    internal RedisSubscription(SubscriptionManager manager, SubscriptionHandler handler)
    {
        _manager = manager;
        _handler = handler;
    }

    /// <summary>The channel name, or the pattern for <see cref="IsPattern"/>.</summary>
    public string Channel => _handler.Key.Name;

    public bool IsPattern => _handler.Key.IsPattern;

    /// <summary>Messages dropped because this handler's queue was full.</summary>
    public long DroppedMessages => _handler.Dropped;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _manager.RemoveAsync(_handler);
    }
}
