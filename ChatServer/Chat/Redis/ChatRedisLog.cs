namespace ChatServer.Chat.Redis;

internal static partial class ChatRedisLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Instance {InstanceId} found its presence lease gone (Redis restarted or the instance was swept); restored {Memberships} room memberships")]
    public static partial void LeaseLapsed(ILogger logger, string instanceId, int memberships);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Instance {InstanceId} swept dead instance {DeadInstanceId}: {Connections} connections removed from presence")]
    public static partial void InstanceSwept(ILogger logger, string instanceId, string deadInstanceId, int connections);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Removed connection {ConnectionId} of user {User} held by instance {InstanceId}")]
    public static partial void ConnectionSwept(ILogger logger, string instanceId, string connectionId, string user);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Presence lease upkeep failed on instance {InstanceId}; retrying on the next tick")]
    public static partial void LeaseTickFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Instance {InstanceId} could not release its presence lease at shutdown")]
    public static partial void LeaseNotReleased(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Presence lease upkeep on instance {InstanceId} waits for Redis; retrying on the next tick: {Reason}")]
    public static partial void LeaseTickUnavailable(ILogger logger, string instanceId, string reason);
}
