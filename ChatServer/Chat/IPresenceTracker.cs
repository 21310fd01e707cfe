namespace ChatServer.Chat;

/// <summary>
/// Who is online in which room: a user is online in a room while any of their connections (any tab, any
/// instance) has joined it.
/// </summary>
public interface IPresenceTracker
{
    /// <summary>
    /// Records a new connection of the user, unless the user already holds <paramref name="maxConnections"/> (on any
    /// instance); false then, and nothing is recorded.
    /// </summary>
    Task<bool> ConnectAsync(string userName, string connectionId, int maxConnections, CancellationToken cancellationToken);

    /// <summary>How many rooms the connection has joined.</summary>
    Task<int> CountRoomsAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>Records that a connection joined a room; true when it is the user's first connection there.</summary>
    Task<bool> JoinAsync(string room, string userName, string connectionId, CancellationToken cancellationToken);

    /// <summary>Records that a connection left a room; true when it was the user's last connection there.</summary>
    Task<bool> LeaveAsync(string room, string userName, string connectionId, CancellationToken cancellationToken);

    /// <summary>Removes a closed connection from every room it was in.</summary>
    Task<IReadOnlyList<RoomDeparture>> DisconnectAsync(string userName, string connectionId, CancellationToken cancellationToken);

    Task<bool> IsJoinedAsync(string room, string connectionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetOnlineUsersAsync(string room, CancellationToken cancellationToken);

    /// <summary>The user's connections that have joined the room.</summary>
    Task<IReadOnlyList<string>> GetConnectionsAsync(string room, string userName, CancellationToken cancellationToken);

    /// <summary>Rooms with at least one user online, and how many.</summary>
    Task<IReadOnlyDictionary<string, int>> GetOnlineCountsAsync(CancellationToken cancellationToken);
}
