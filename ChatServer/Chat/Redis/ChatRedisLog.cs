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

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Moved {Keys} history keys of room {Room} to the hash-tagged layout")]
    public static partial void RoomKeysMoved(ILogger logger, string room, int keys);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Both {LegacyKey} and {Key} exist (an instance of the previous version wrote after the move?): left both as they are; merge or delete the old one")]
    public static partial void RoomKeyConflict(ILogger logger, string legacyKey, string key);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Room key layout checked: {Rooms} rooms, {Moved} keys moved to the hash-tagged layout, {Conflicts} conflicts")]
    public static partial void RoomKeyMigrationDone(ILogger logger, int rooms, int moved, int conflicts);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Room key layout not checked on {Reason}: no keys of the previous layout can exist there")]
    public static partial void RoomKeyMigrationSkipped(ILogger logger, string reason);
}
