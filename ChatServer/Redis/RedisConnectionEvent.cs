namespace ChatServer.Redis;

/// <summary>What happened to a connection, as reported by <see cref="RedisConnection.StateChanged"/>.</summary>
public enum RedisConnectionEvent
{
    /// <summary>The first connect succeeded.</summary>
    Connected,

    /// <summary>The socket dropped; reconnecting has started.</summary>
    Lost,

    /// <summary>Reconnected after a loss (for the subscriber: after every subscription was re-established).</summary>
    Restored,

    /// <summary>The connection was disposed.</summary>
    Closed,
}
