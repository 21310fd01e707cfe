using System.Collections.Concurrent;

namespace ChatServer.Chat.Redis;

/// <summary>
/// This instance's own view of its connections and the rooms they joined, so presence in Redis can be rebuilt
/// after Redis lost it (restarted without persistence) or a survivor swept this instance during a long pause, and
/// so "has this connection joined?" needs no round trip for the connections held here.
/// </summary>
internal sealed class LocalConnections
{
    private readonly ConcurrentDictionary<string, Entry> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unrecordedDisconnects = new(StringComparer.Ordinal);

    public void Joined(string connectionId, string userName, string room)
    {
        var entry = _connections.GetOrAdd(connectionId, _ => new Entry(userName));
        lock (entry.Rooms)
        {
            entry.Rooms.Add(room);
        }
    }

    public void Left(string connectionId, string room)
    {
        if (_connections.TryGetValue(connectionId, out var entry))
        {
            lock (entry.Rooms)
            {
                entry.Rooms.Remove(room);
            }
        }
    }

    /// <summary>How many rooms one of this instance's connections joined.</summary>
    public int RoomCount(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var entry)) return 0;
        lock (entry.Rooms)
        {
            return entry.Rooms.Count;
        }
    }

    /// <summary>Whether one of this instance's connections joined the room; null for a connection not held here.</summary>
    public bool? IsJoined(string connectionId, string room)
    {
        if (!_connections.TryGetValue(connectionId, out var entry)) return null;
        lock (entry.Rooms)
        {
            return entry.Rooms.Contains(room);
        }
    }

    public void Disconnected(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>A disconnect Redis could not record (it was unreachable): retried until it is, so no ghost stays online.</summary>
    public void DisconnectNotRecorded(string connectionId, string userName) => _unrecordedDisconnects[connectionId] = userName;

    public void DisconnectRecorded(string connectionId) => _unrecordedDisconnects.TryRemove(connectionId, out _);

    public IReadOnlyList<(string ConnectionId, string User)> UnrecordedDisconnects() =>
        [.. _unrecordedDisconnects.Select(pair => (pair.Key, pair.Value))];

    /// <summary>Every (connection, user, room) this instance holds.</summary>
    public IReadOnlyList<(string ConnectionId, string User, string Room)> Snapshot()
    {
        var all = new List<(string, string, string)>();
        foreach (var (connectionId, entry) in _connections)
        {
            lock (entry.Rooms)
            {
                all.AddRange(entry.Rooms.Select(room => (connectionId, entry.User, room)));
            }
        }

        return all;
    }

    private sealed class Entry(string user)
    {
        public string User { get; } = user;

        public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);
    }
}
