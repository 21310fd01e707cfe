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
}
