namespace ChatServer.LoadTest;

/// <summary>Sends started by the pacer and not yet acknowledged; the run awaits all of them before it counts.</summary>
internal sealed class InFlightSends
{
    private readonly HashSet<Task> _pending = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public void Track(Task send)
    {
        lock (_gate)
        {
            _pending.Add(send);
        }

        send.ContinueWith(Forget, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for every tracked send; they never throw (failures are counted where they happen).</summary>
    public async Task WaitAllAsync(CancellationToken cancellationToken)
    {
        Task[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _pending];
        }

        await Task.WhenAll(snapshot).WaitAsync(cancellationToken);
    }

    private static void Forget(Task send, object? state)
    {
        var self = (InFlightSends)state!;
        lock (self._gate)
        {
            self._pending.Remove(send);
        }
    }
}
