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

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "{Signal} received: draining, then stopping (another signal stops at once)")]
    public static partial void DrainRequested(ILogger logger, string signal);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "{Signal} received again: stopping without waiting for the drain")]
    public static partial void StoppingNow(ILogger logger, string signal);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Error, Message = "Draining failed; stopping anyway")]
    public static partial void DrainFailed(ILogger logger, Exception exception);
}
