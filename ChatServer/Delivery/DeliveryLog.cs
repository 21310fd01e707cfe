namespace ChatServer.Delivery;

/// <summary>Log events of room delivery (EventIds 1300-1399).</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Closing connection {ConnectionId} of {UserName}: {PendingBytes} bytes of room messages waiting, over the limit of {MaxPendingBytes}; it will resume from its last message")]
    public static partial void TooSlow(ILogger logger, string connectionId, string? userName, long pendingBytes, long maxPendingBytes);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Connection {ConnectionId} did not take its close message within {TimeoutSeconds} s; aborted")]
    public static partial void CloseTimedOut(ILogger logger, string connectionId, int timeoutSeconds);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Writing to connection {ConnectionId} failed; it is closing")]
    public static partial void WriteFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Hub connections refused while chat storage is unavailable (first: {ConnectionId} of {UserName}, {ExceptionType}: {Reason}); logged once until a connection is taken again")]
    public static partial void RefusedUnavailable(ILogger logger, string connectionId, string? userName, string exceptionType, string reason);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Connection {ConnectionId} of {UserName} refused: chat storage still unavailable")]
    public static partial void RefusedUnavailableAgain(ILogger logger, string connectionId, string? userName);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Debug, Message = "Connection {ConnectionId} of {UserName} refused: draining for shutdown")]
    public static partial void RefusedRestarting(ILogger logger, string connectionId, string? userName);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Draining for shutdown: not ready, no new connections; {Connections} connections told to reconnect elsewhere over {DrainSeconds} s")]
    public static partial void DrainStarted(ILogger logger, int connections, int drainSeconds);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Information, Message = "Drain done: {Connections} connections closed in {ElapsedMs} ms, {Remaining} still open")]
    public static partial void DrainEnded(ILogger logger, int connections, long elapsedMs, int remaining);
}
