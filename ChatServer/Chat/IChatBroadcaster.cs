namespace ChatServer.Chat;

/// <summary>
/// How the chat domain reaches clients: a room's presence and typing travel on its <see cref="IRoomFeed"/> (as its
/// messages do, from the message store), what is for one user on SignalR; both reach every instance.
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

    /// <summary>Tells the room's other users (every connection of <paramref name="userName"/> is skipped).</summary>
    Task TypingChangedAsync(string room, string userName, bool isTyping, CancellationToken cancellationToken);

    /// <summary>Tells every connection of <paramref name="userName"/>, on every instance, that a message in <paramref name="room"/> mentions them.</summary>
    Task MentionedAsync(string userName, string room, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>Tells <paramref name="userName"/>'s connections other than <paramref name="exceptConnectionId"/>, on every instance, that their read marker moved.</summary>
    Task ReadMarkerChangedAsync(string userName, string exceptConnectionId, string room, string messageId, CancellationToken cancellationToken);

    /// <summary>Puts a new connection in its user's group, which <see cref="ReadMarkerChangedAsync"/> sends to.</summary>
    Task UserConnectedAsync(string userName, string connectionId, CancellationToken cancellationToken);
}
