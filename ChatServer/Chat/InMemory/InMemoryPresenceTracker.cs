namespace ChatServer.Chat.InMemory;

/// <summary>
/// Presence in process memory. Serves one instance only: the default when no Redis is configured. One lock
/// guards both indexes (room → user → connections, connection → rooms); every operation is short.
/// </summary>
public sealed class InMemoryPresenceTracker : IPresenceTracker
{
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _connectionRooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _userConnections = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _sync = new();

    public Task<bool> ConnectAsync(string userName, string connectionId, int maxConnections, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_userConnections.TryGetValue(userName, out var connections))
            {
                _userConnections[userName] = connections = new HashSet<string>(StringComparer.Ordinal);
            }

            if (connections.Count >= maxConnections && !connections.Contains(connectionId))
            {
                return Task.FromResult(false);
            }

            connections.Add(connectionId);
            return Task.FromResult(true);
        }
    }

    public Task<int> CountRoomsAsync(string connectionId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_connectionRooms.TryGetValue(connectionId, out var rooms) ? rooms.Count : 0);
        }
    }

    public Task<bool> JoinAsync(string room, string userName, string connectionId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(room, out var users))
            {
                _rooms[room] = users = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            }

            if (!users.TryGetValue(userName, out var connections))
            {
                users[userName] = connections = new HashSet<string>(StringComparer.Ordinal);
            }

            var isFirst = connections.Count == 0;
            connections.Add(connectionId);
            if (!_connectionRooms.TryGetValue(connectionId, out var rooms))
            {
                _connectionRooms[connectionId] = rooms = new HashSet<string>(StringComparer.Ordinal);
            }

            rooms.Add(room);
            return Task.FromResult(isFirst);
        }
    }

    public Task<bool> LeaveAsync(string room, string userName, string connectionId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_connectionRooms.TryGetValue(connectionId, out var rooms))
            {
                rooms.Remove(room);
                if (rooms.Count == 0)
                {
                    _connectionRooms.Remove(connectionId);
                }
            }

            return Task.FromResult(RemoveFromRoom(room, userName, connectionId));
        }
    }

    public Task<IReadOnlyList<RoomDeparture>> DisconnectAsync(string userName, string connectionId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_userConnections.TryGetValue(userName, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _userConnections.Remove(userName);
            }

            if (!_connectionRooms.Remove(connectionId, out var rooms))
            {
                return Task.FromResult<IReadOnlyList<RoomDeparture>>([]);
            }

            return Task.FromResult<IReadOnlyList<RoomDeparture>>([.. rooms.Select(room => new RoomDeparture(room, RemoveFromRoom(room, userName, connectionId)))]);
        }
    }

    public Task<bool> IsJoinedAsync(string room, string connectionId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_connectionRooms.TryGetValue(connectionId, out var rooms) && rooms.Contains(room));
        }
    }

    public Task<IReadOnlyList<string>> GetOnlineUsersAsync(string room, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<string>>(_rooms.TryGetValue(room, out var users) ? [.. users.Keys.Order(StringComparer.Ordinal)] : []);
        }
    }

    public Task<IReadOnlyList<string>> GetConnectionsAsync(string room, string userName, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                _rooms.TryGetValue(room, out var users) && users.TryGetValue(userName, out var connections) ? [.. connections] : []);
        }
    }

    public Task<IReadOnlyDictionary<string, int>> GetOnlineCountsAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyDictionary<string, int>>(_rooms.ToDictionary(r => r.Key, r => r.Value.Count, StringComparer.Ordinal));
        }
    }

    /// <summary>True when this was the user's last connection in the room. Caller holds the lock.</summary>
    private bool RemoveFromRoom(string room, string userName, string connectionId)
    {
        if (!_rooms.TryGetValue(room, out var users) || !users.TryGetValue(userName, out var connections) || !connections.Remove(connectionId))
        {
            return false;
        }

        if (connections.Count > 0)
        {
            return false;
        }

        users.Remove(userName);
        if (users.Count == 0)
        {
            _rooms.Remove(room);
        }

        return true;
    }
}
