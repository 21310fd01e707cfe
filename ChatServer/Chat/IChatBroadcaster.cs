namespace ChatServer.Chat;

/// <summary>
/// How the chat domain reaches clients. Implemented over SignalR (groups named after rooms); in Redis mode
/// the backplane carries every call to every instance.
/// </summary>
public interface IChatBroadcaster
{
    /// <summary>Starts delivering a room's events to a connection.</summary>
    Task SubscribeAsync(string connectionId, string room, CancellationToken cancellationToken);

    Task UnsubscribeAsync(string connectionId, string room, CancellationToken cancellationToken);

    /// <summary>Delivers a message to every connection in its room; called in id order per room.</summary>
    Task MessageReceivedAsync(ChatMessage message, CancellationToken cancellationToken);

    Task UserJoinedAsync(string room, string userName, CancellationToken cancellationToken);

    Task UserLeftAsync(string room, string userName, CancellationToken cancellationToken);

    /// <summary>Tells every connection of <paramref name="userName"/> that <paramref name="fromUser"/> wrote in a direct room.</summary>
    Task DirectRoomActivityAsync(string userName, string room, string fromUser, CancellationToken cancellationToken);

    /// <summary>Tells the room's other users; <paramref name="typistConnectionIds"/> (the typist's own connections) are skipped.</summary>
    Task TypingChangedAsync(string room, string userName, bool isTyping, IReadOnlyList<string> typistConnectionIds, CancellationToken cancellationToken);
}
