using System.Collections.Concurrent;

namespace ChatServer.Delivery;

/// <summary>Hub calls running per connection, so a draining instance closes a connection only after its sends are answered.</summary>
public sealed class InFlightInvocations
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    public void Enter(string connectionId) => _running.AddOrUpdate(connectionId, 1, (_, count) => count + 1);

    public void Exit(string connectionId)
    {
        var left = _running.AddOrUpdate(connectionId, 0, (_, count) => count - 1);
        if (left <= 0)
        {
            // Only removes the entry if no call entered meanwhile.
            _running.TryRemove(KeyValuePair.Create(connectionId, left));
        }
    }

    public bool IsIdle(string connectionId) => !_running.TryGetValue(connectionId, out var count) || count <= 0;
}
