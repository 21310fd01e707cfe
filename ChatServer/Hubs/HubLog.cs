namespace ChatServer.Hubs;

/// <summary>Log events of the hub (EventIds 1100-1199).</summary>
internal static partial class HubLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Connection {ConnectionId} opened for {UserName}")]
    public static partial void Connected(ILogger logger, string connectionId, string userName);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Connection {ConnectionId} of {UserName} closed {Reason}")]
    public static partial void Disconnected(ILogger logger, string connectionId, string userName, string? reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "{HubMethod} from {UserName} on {ConnectionId} rejected: {Reason}")]
    public static partial void CallRejected(ILogger logger, string hubMethod, string connectionId, string? userName, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "{HubMethod} from {UserName} on {ConnectionId} failed")]
    public static partial void CallFailed(ILogger logger, Exception exception, string hubMethod, string connectionId, string? userName);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Connection {ConnectionId} of {UserName} refused: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string connectionId, string userName, string reason);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug, Message = "Connection {ConnectionId} of {UserName} closed while it was connecting")]
    public static partial void GoneWhileConnecting(ILogger logger, string connectionId, string userName);
}
