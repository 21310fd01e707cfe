using System.Collections.Concurrent;

namespace ChatServer.Backplane;

/// <summary>
/// Group commands sent to other instances that wait for an ack. Each waits at most the ack timeout; disposing
/// fails whatever is still pending, so no caller waits on a stopped instance.
/// </summary>
internal sealed class AckHandler(TimeSpan timeout, TimeProvider timeProvider) : IDisposable
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _pending = new();
    private int _nextId;
    private bool _disposed;

    /// <summary>Registers a new command id; await <see cref="WaitAsync"/> with it after publishing.</summary>
    public int NextId()
    {
        var id = Interlocked.Increment(ref _nextId);
        _pending[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return id;
    }

    public async Task WaitAsync(int id, string what, CancellationToken cancellationToken)
    {
        if (!_pending.TryGetValue(id, out var pending))
        {
            return;
        }

        try
        {
            await pending.Task.WaitAsync(timeout, timeProvider, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"No instance acknowledged '{what}' within {timeout.TotalSeconds:0.#} s; the connection may be gone or its instance unreachable.", exception);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Abandons a command that could not be published.</summary>
    public void Forget(int id) => _pending.TryRemove(id, out _);

    public void Acknowledge(int id)
    {
        if (_pending.TryRemove(id, out var pending))
        {
            pending.TrySetResult();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetException(new ObjectDisposedException(nameof(AckHandler), "The backplane stopped before the command was acknowledged."));
            }
        }
    }
}
