namespace ChatServer.Chat.Redis;

/// <summary>Log events of the instance's Redis connection (EventIds 4200-4299).</summary>
internal static partial class RedisConnectionLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Redis multiplexer for {Configuration} created (connected: {Connected})")]
    public static partial void Connected(ILogger logger, string configuration, bool connected);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Redis outage began: {ConnectionType} connection to {Endpoint} failed ({FailureType}): {Reason}")]
    public static partial void OutageBegan(ILogger logger, string connectionType, string endpoint, string failureType, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Redis outage ended after {DurationMs} ms ({Failures} failed connection attempts meanwhile)")]
    public static partial void OutageEnded(ILogger logger, long durationMs, int failures);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Redis is still loading its data; waiting up to {TimeoutSeconds} s before starting")]
    public static partial void WaitingWhileLoading(ILogger logger, double timeoutSeconds);
}
