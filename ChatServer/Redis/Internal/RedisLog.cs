using Microsoft.Extensions.Logging;

namespace ChatServer.Redis;

/// <summary>Log events of the Redis client (EventIds 1500-1599).</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Debug, Message = "Connecting {Role} connection to Redis at {Endpoint}")]
    public static partial void Connecting(ILogger logger, RedisConnectionRole role, string endpoint);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "{Role} connection to Redis at {Endpoint} established")]
    public static partial void Connected(ILogger logger, RedisConnectionRole role, string endpoint);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "{Role} connection to Redis at {Endpoint} failed; retrying in the background")]
    public static partial void ConnectFailed(ILogger logger, RedisConnectionRole role, string endpoint, Exception exception);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "{Role} connection to Redis at {Endpoint} lost with {InFlight} commands in flight")]
    public static partial void ConnectionLost(ILogger logger, RedisConnectionRole role, string endpoint, int inFlight, Exception exception);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Information, Message = "Reconnecting {Role} connection to Redis at {Endpoint}: attempt {Attempt} after {DelayMs} ms")]
    public static partial void ReconnectAttempt(ILogger logger, RedisConnectionRole role, string endpoint, int attempt, long delayMs);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} of {Role} connection to Redis at {Endpoint} failed: {Reason}")]
    public static partial void ReconnectFailed(ILogger logger, RedisConnectionRole role, string endpoint, int attempt, string reason);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "{Role} connection to Redis at {Endpoint} restored after {Attempt} attempts")]
    public static partial void Restored(ILogger logger, RedisConnectionRole role, string endpoint, int attempt);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Error, Message = "Protocol error on {Role} connection to Redis at {Endpoint}; dropping the connection")]
    public static partial void ProtocolError(ILogger logger, RedisConnectionRole role, string endpoint, Exception exception);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Debug, Message = "Redis command {Command} timed out after {TimeoutMs} ms")]
    public static partial void CommandTimedOut(ILogger logger, string command, double timeoutMs);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Error, Message = "Handler for Redis channel {Channel} failed; it keeps receiving messages")]
    public static partial void HandlerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Handler queue for Redis channel {Channel} is full ({Capacity} messages); dropped a message")]
    public static partial void MessageDropped(ILogger logger, string channel, int capacity);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Restoring the {Role} connection to Redis at {Endpoint} failed (attempt {Attempt}); retrying while the socket stays up, else on the next reconnect")]
    public static partial void RestoreFailed(ILogger logger, RedisConnectionRole role, string endpoint, int attempt, Exception exception);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Error, Message = "A Redis StateChanged handler threw")]
    public static partial void StateHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Debug, Message = "Closing {Role} socket to Redis at {Endpoint} reported an error")]
    public static partial void TeardownError(ILogger logger, RedisConnectionRole role, string endpoint, Exception exception);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Information, Message = "Re-subscribed {Count} channels and patterns on Redis at {Endpoint}")]
    public static partial void Resubscribed(ILogger logger, int count, string endpoint);

    [LoggerMessage(EventId = 1515, Level = LogLevel.Error, Message = "{Role} connection loop for Redis at {Endpoint} failed unexpectedly; restarting it")]
    public static partial void LoopFailed(ILogger logger, RedisConnectionRole role, string endpoint, Exception exception);

    [LoggerMessage(EventId = 1516, Level = LogLevel.Information, Message = "{Role} connection: Redis at {Endpoint} is still loading its dataset; waiting up to {LoadingTimeoutMs} ms for it")]
    public static partial void WaitingForLoading(ILogger logger, RedisConnectionRole role, string endpoint, long loadingTimeoutMs);
}
