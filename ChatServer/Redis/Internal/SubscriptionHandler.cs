using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChatServer.Redis;

/// <summary>
/// One handler with its own bounded queue and consumer loop. The socket reader only enqueues (never awaits a
/// handler), so a slow handler delays itself alone; when its queue is full, new messages for it are dropped,
/// counted and logged once per burst, and the socket keeps flowing for everyone else.
/// </summary>
internal sealed class SubscriptionHandler : IAsyncDisposable
{
    private readonly Channel<RedisMessage> _queue;
    private readonly Func<RedisMessage, CancellationToken, ValueTask> _handler;
    private readonly ILogger _logger;
    private readonly RedisMetrics _metrics;
    private readonly int _capacity;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private bool _dropping;
    private long _dropped;

    public SubscriptionHandler(SubscriptionKey key, Func<RedisMessage, CancellationToken, ValueTask> handler, int capacity, ILogger logger, RedisMetrics metrics)
    {
        Key = key;
        _handler = handler;
        _capacity = capacity;
        _logger = logger;
        _metrics = metrics;
        _queue = Channel.CreateBounded<RedisMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public SubscriptionKey Key { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Start() => _loop = Task.Run(() => ConsumeAsync(_stop.Token), CancellationToken.None);

    /// <summary>Called by the socket reader only; never blocks.</summary>
    public void Post(RedisMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            _dropping = false;
            return;
        }

        Interlocked.Increment(ref _dropped);
        _metrics.MessageDropped();
        if (_dropping) return;
        _dropping = true;
        RedisLog.MessageDropped(_logger, Key.Name, _capacity);
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await _handler(message, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Loop boundary: one bad message must not end the subscription.
                RedisLog.HandlerFailed(_logger, Key.Name, ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
