namespace ChatServer.Chat;

/// <summary>
/// How the chat domain reaches clients. Implemented over SignalR (groups named after rooms); in Redis mode its
/// backplane carries every call to every instance. Room messages travel apart, through <see cref="IRoomMessageFeed"/>.
/// </summary>
public interface IChatBroadcaster
{
    /// <summary>Starts delivering a room's events and messages to a connection held by this instance.</summary>
    Task SubscribeAsync(string connectionId, string room, CancellationToken cancellationToken);

    Task UnsubscribeAsync(string connectionId, string room, CancellationToken cancellationToken);

    Task UserJoinedAsync(string room, string userName, CancellationToken cancellationToken);

    Task UserLeftAsync(string room, string userName, CancellationToken cancellationToken);

    /// <summary>Tells every connection of <paramref name="userName"/> that <paramref name="fromUser"/> wrote in a direct room.</summary>
    Task DirectRoomActivityAsync(string userName, string room, string fromUser, CancellationToken cancellationToken);

    /// <summary>Tells the room's other users; <paramref name="typistConnectionIds"/> (the typist's own connections) are skipped.</summary>
    Task TypingChangedAsync(string room, string userName, bool isTyping, IReadOnlyList<string> typistConnectionIds, CancellationToken cancellationToken);
}
