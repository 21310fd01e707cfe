namespace ChatServer.Backplane;

internal static partial class BackplaneLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Backplane started on instance {InstanceId} with channel prefix {ChannelPrefix}")]
    public static partial void Started(ILogger logger, string instanceId, string channelPrefix);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Backplane unavailable on instance {InstanceId}; delivering to local connections only until Redis is back")]
    public static partial void Unavailable(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Backplane restored on instance {InstanceId}")]
    public static partial void Restored(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Dropped an unreadable backplane message on channel {Channel}")]
    public static partial void InvalidMessage(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Could not write a backplane message to connection {ConnectionId}")]
    public static partial void WriteFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "Applied {Action} of connection {ConnectionId} to group {Group} for instance {SenderInstance}")]
    public static partial void GroupCommandApplied(ILogger logger, GroupAction action, string connectionId, string group, string senderInstance);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Replayed {Count} messages of group {Group} published while instance {InstanceId}'s subscriber was away")]
    public static partial void Replayed(ILogger logger, string instanceId, string group, int count);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Could not replay group {Group} on instance {InstanceId}; trying again in a second")]
    public static partial void ReplayFailed(ILogger logger, string instanceId, string group, Exception exception);
}
