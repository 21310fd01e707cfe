using ChatServer.Metrics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Delivery;

/// <summary>
/// The room messages on their way to one connection. Enqueuing never waits: a message is written at once when the
/// connection keeps up (the common case, inline), and queued behind the write in flight when it does not. The queue
/// has a byte budget; a connection past it is too slow to keep up, so it is sent a close message that lets the
/// official clients reconnect and resume, and is aborted if it does not take even that in time. Nobody else ever
/// waits on it.
/// </summary>
internal sealed class ConnectionOutbox(HubConnectionContext connection, DeliveryOptions options, Action onTooSlow, ChatMetrics metrics, ILogger logger)
{
    public const string TooSlowError = "Connection closed: too slow to keep up; reconnect and resume";

    private readonly Lock _sync = new();
    private readonly Queue<(SerializedHubMessage Message, int Bytes, DateTime? StoredAt)> _queue = new();
    private long _pendingBytes;
    private bool _writing;
    private bool _closing;

    public string ConnectionId => connection.ConnectionId;

    /// <summary>The user the connection belongs to.</summary>
    public string? UserName => connection.UserIdentifier;

    /// <summary>The rooms this connection receives messages of (changed under the room's gate in <see cref="RoomDelivery"/>).</summary>
    public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);

    /// <param name="storedAt">For a chat message, when it was stored: its write is counted as a delivery and timed.</param>
    public void Enqueue(SerializedHubMessage message, DateTime? storedAt)
    {
        // Serialized once per protocol and cached in the message, whichever connection asks first.
        var bytes = message.GetSerializedMessage(connection.Protocol).Length;
        long pending;
        bool tooSlow;
        lock (_sync)
        {
            if (_closing) return;
            pending = _pendingBytes + bytes;
            tooSlow = pending > options.MaxPendingBytesPerConnection;
            if (tooSlow)
            {
                // What is queued is dropped: the client resumes after the last message it received, which the
                // transport delivers in order up to the close message.
                _closing = true;
                _queue.Clear();
            }
            else
            {
                _queue.Enqueue((message, bytes, storedAt));
                _pendingBytes = pending;
                if (_writing) return;
                _writing = true;
            }
        }

        if (tooSlow)
        {
            DeliveryLog.TooSlow(logger, connection.ConnectionId, connection.UserIdentifier, pending, options.MaxPendingBytesPerConnection);
            onTooSlow();
            _ = WriteCloseAsync(TooSlowError);
        }
        else
        {
            _ = DrainAsync();
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            (SerializedHubMessage Message, int Bytes, DateTime? StoredAt) next;
            lock (_sync)
            {
                if (_closing || !_queue.TryDequeue(out next))
                {
                    _writing = false;
                    return;
                }
            }

            try
            {
                await connection.WriteAsync(next.Message, connection.ConnectionAborted);
            }
            catch (Exception exception)
            {
                // Loop boundary of a task nobody awaits: the connection is closing (its disconnect removes it from
                // every room), so stop writing to it and say so at Debug.
                DeliveryLog.WriteFailed(logger, connection.ConnectionId, exception);
                lock (_sync) _writing = false;
                return;
            }

            lock (_sync) _pendingBytes -= next.Bytes;
            if (next.StoredAt is { } storedAt) metrics.MessageDelivered(storedAt);
        }
    }

    /// <summary>
    /// Sends the client a close message with <paramref name="reason"/> that lets it reconnect and resume, dropping room
    /// messages not yet written (it resumes from the last one it received).
    /// </summary>
    public Task CloseAsync(string reason)
    {
        lock (_sync)
        {
            if (_closing) return Task.CompletedTask;
            _closing = true;
            _queue.Clear();
        }

        return WriteCloseAsync(reason);
    }

    private async Task WriteCloseAsync(string reason)
    {
        var timeout = TimeSpan.FromSeconds(options.SlowConnectionCloseTimeoutSeconds);
        try
        {
            // Behind the write in flight, if any: the client reads every message before it, then the reason.
            await connection.WriteAsync(new CloseMessage(reason, allowReconnect: true)).AsTask().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            DeliveryLog.CloseTimedOut(logger, connection.ConnectionId, options.SlowConnectionCloseTimeoutSeconds);
        }
        catch (Exception exception)
        {
            // Closed meanwhile by the client or the server: the abort below is then a no-op.
            DeliveryLog.WriteFailed(logger, connection.ConnectionId, exception);
        }

        connection.Abort();
    }
}
