namespace ChatServer.Redis;

/// <summary>Lifecycle of one of the client's connections (command or subscriber).</summary>
public enum RedisConnectionState
{
    /// <summary>ConnectAsync has not been called.</summary>
    NotStarted,

    /// <summary>The first connect is in progress.</summary>
    Connecting,

    /// <summary>Usable: commands are sent.</summary>
    Connected,

    /// <summary>The server went away; the client is retrying with backoff and commands fail fast.</summary>
    Reconnecting,

    /// <summary>Disposed; nothing more will happen.</summary>
    Disposed,
}
