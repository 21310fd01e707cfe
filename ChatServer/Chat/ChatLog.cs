using Microsoft.Extensions.Logging;

namespace ChatServer.Chat;

/// <summary>Log events of the chat domain (EventIds 1000-1099).</summary>
internal static partial class ChatLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{UserName} joined {Room} (connection {ConnectionId})")]
    public static partial void UserJoined(ILogger logger, string room, string userName, string connectionId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{UserName} left {Room} (connection {ConnectionId})")]
    public static partial void UserLeft(ILogger logger, string room, string userName, string connectionId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "{UserName} hit the rate limit in {Room} (connection {ConnectionId})")]
    public static partial void RateLimited(ILogger logger, string room, string userName, string connectionId);
}
