namespace ChatServer.Backplane;

/// <summary>The groups one local connection belongs to (a connection feature), so disconnecting can leave them all.</summary>
internal sealed class ConnectionGroups
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public bool Add(string group)
    {
        lock (_sync)
        {
            return _names.Add(group);
        }
    }

    public bool Remove(string group)
    {
        lock (_sync)
        {
            return _names.Remove(group);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_sync)
        {
            return [.. _names];
        }
    }
}
