namespace ChatServer.Redis;

/// <summary>Every exception this client throws is built here, so messages stay consistent and say why.</summary>
internal static class RedisErrors
{
    public static RedisServerException ServerError(string message) => new(message);

    public static RedisTimeoutException Timeout(string command, TimeSpan timeout, string endpoint) =>
        new($"Redis command {command} to {endpoint} got no reply within {timeout.TotalMilliseconds:0} ms; the command may still run on the server.");

    public static RedisConnectionException NotConnected(string endpoint, string role, Exception? lastFailure) =>
        new(RedisConnectionFailure.NotConnected,
            lastFailure is null
                ? $"Redis {role} connection to {endpoint} is not connected; the command was not sent."
                : $"Redis {role} connection to {endpoint} is down ({lastFailure.Message}); the command was not sent.",
            lastFailure);

    public static RedisConnectionException NotStarted(string endpoint) =>
        new(RedisConnectionFailure.NotConnected, $"Redis connection to {endpoint} has not been started; call ConnectAsync first.", null);

    public static RedisConnectionException ConnectionLost(string endpoint, Exception? cause) =>
        cause is RedisConnectionException { Failure: RedisConnectionFailure.ProtocolError } protocol
            ? new(RedisConnectionFailure.ProtocolError, protocol.Message + "; the command may or may not have run.", protocol.InnerException)
            : new(RedisConnectionFailure.ConnectionLost,
            $"Redis connection to {endpoint} was lost{(cause is null ? string.Empty : $" ({cause.Message})")}; the command may or may not have run.",
            cause);

    public static RedisConnectionException ServerClosed(string endpoint) =>
        new(RedisConnectionFailure.ConnectionLost, $"Redis server {endpoint} closed the connection.", null);

    public static RedisConnectionException UnableToConnect(string endpoint, Exception cause) =>
        new(RedisConnectionFailure.UnableToConnect, $"Unable to connect to Redis at {endpoint}: {cause.Message}", cause);

    public static RedisConnectionException ConnectTimeout(string endpoint, TimeSpan timeout) =>
        new(RedisConnectionFailure.ConnectTimeout, $"Connecting to Redis at {endpoint} timed out after {timeout.TotalMilliseconds:0} ms.", null);

    public static RedisConnectionException AuthenticationFailed(string endpoint, string? user, string serverMessage) =>
        new(RedisConnectionFailure.AuthenticationFailed,
            $"Redis at {endpoint} refused authentication{(user is null ? string.Empty : $" for user '{user}'")}: {serverMessage}", null);

    public static RedisConnectionException HandshakeFailed(string endpoint, string step, string serverMessage) =>
        new(RedisConnectionFailure.HandshakeFailed, $"Redis at {endpoint} rejected {step} during connect: {serverMessage}", null);

    public static RedisConnectionException Loading(string endpoint, string serverMessage) =>
        new(RedisConnectionFailure.Loading, $"Redis at {endpoint} is still loading its dataset and accepts no commands yet: {serverMessage}", null);

    public static RedisConnectionException ProtocolViolation(string endpoint, RedisProtocolException cause) =>
        new(RedisConnectionFailure.ProtocolError, $"Redis connection to {endpoint} dropped after a protocol error: {cause.Message}", cause);

    public static RedisConnectionException Disposed(string endpoint) =>
        new(RedisConnectionFailure.Disposed, $"Redis connection to {endpoint} was disposed.", null);

    public static RedisProtocolException Protocol(string message) => new(message);

    public static RedisProtocolException UnexpectedReply(string role) =>
        new($"Received a reply on the {role} connection with no command waiting for it.");
}
