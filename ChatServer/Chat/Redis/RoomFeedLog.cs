namespace ChatServer.Chat.Redis;

/// <summary>Log events of the Redis room feed (EventIds 4100-4199).</summary>
internal static partial class RoomFeedLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Could not read where room {Room} stood when this instance subscribed to it; after a subscriber outage it is replayed only from what is handed on from now on: {Reason}")]
    public static partial void ReplayFloorUnknown(ILogger logger, string room, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Replayed {Count} messages of room {Room} stored while the subscriber connection was away")]
    public static partial void Replayed(ILogger logger, string room, int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Replay of room {Room} failed; trying again in a second: {Reason}")]
    public static partial void ReplayFailed(ILogger logger, string room, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Skipped a malformed record on the channel of room {Room}")]
    public static partial void InvalidRecord(ILogger logger, string room, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Replaying what the subscriber connection missed could not run; trying again in a second")]
    public static partial void ReplayRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Could not unsubscribe from the channel of room {Room}: {Reason}")]
    public static partial void UnsubscribeFailed(ILogger logger, string room, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug, Message = "Could not read who is online in room {Room}; its presence is not compared after a subscriber outage: {Reason}")]
    public static partial void PresenceUnknown(ILogger logger, string room, string reason);
}
