namespace ChatServer.Hosting;

/// <summary>Log events of hosting (EventIds 1200-1299).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Expiring typing indicators failed; retrying")]
    public static partial void TypingSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Expiring typing indicators waits for Redis: {Reason}")]
    public static partial void TypingSweepUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "ChatServer instance {InstanceId} starting in {Mode} mode")]
    public static partial void Starting(ILogger logger, string instanceId, string mode);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Sending folded presence and typing changes failed; retrying")]
    public static partial void SignalFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "Sending folded presence and typing changes waits for Redis: {Reason}")]
    public static partial void SignalFlushUnavailable(ILogger logger, string reason);
}
