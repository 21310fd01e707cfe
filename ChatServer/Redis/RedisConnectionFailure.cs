namespace ChatServer.Redis;

/// <summary>The reason carried by a <see cref="RedisConnectionException"/>.</summary>
public enum RedisConnectionFailure
{
    /// <summary>The socket could not be opened (refused, unreachable, DNS).</summary>
    UnableToConnect,

    /// <summary>Connecting (socket, TLS and handshake) took longer than the connect timeout.</summary>
    ConnectTimeout,

    /// <summary>The server refused AUTH (wrong password or ACL user).</summary>
    AuthenticationFailed,

    /// <summary>The handshake (SELECT, CLIENT SETNAME) failed for another reason.</summary>
    HandshakeFailed,

    /// <summary>
    /// The server is still loading its dataset (after a restart) and answers every command with LOADING; the first
    /// connect waits up to <see cref="RedisOptions.LoadingTimeout"/> for it, reconnects keep retrying.
    /// </summary>
    Loading,

    /// <summary>The socket dropped; commands in flight may or may not have run.</summary>
    ConnectionLost,

    /// <summary>The command was issued while the client was disconnected; it was not sent.</summary>
    NotConnected,

    /// <summary>The server sent bytes that are not valid RESP; the connection was dropped.</summary>
    ProtocolError,

    /// <summary>The connection was disposed.</summary>
    Disposed,
}
