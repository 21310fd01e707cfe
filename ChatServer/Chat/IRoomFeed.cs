namespace ChatServer.Chat;

/// <summary>
/// What happens in the rooms this instance listens to, as every instance hears it: each new message, as the message
/// store hands it on (the in-memory store straight from <see cref="IMessageStore.PostAsync"/>, the Redis store from
/// the room's channel), and the transient signals of presence and typing. Both implementations keep the same
/// promise, which the shared contract suite checks: every message stored after <see cref="SubscribeAsync"/> returned
/// reaches the handler exactly once, in id order, until <see cref="UnsubscribeAsync"/> (in Redis mode across a lost
/// and restored subscriber connection too), and so does every signal published meanwhile, in publish order (after a
/// lost subscriber connection, presence is brought up to date instead). A room has one subscriber per instance:
/// <c>RoomDelivery</c>, which subscribes on its first local member and unsubscribes after the last.
/// </summary>
public interface IRoomFeed
{
    /// <param name="handler">Called one item at a time per room; it must not wait on any client.</param>
    Task SubscribeAsync(string room, IRoomFeedHandler handler, CancellationToken cancellationToken);

    Task UnsubscribeAsync(string room, CancellationToken cancellationToken);

    /// <summary>Tells every instance's subscriber of the signal's room.</summary>
    Task PublishAsync(RoomSignal signal, CancellationToken cancellationToken);
}
