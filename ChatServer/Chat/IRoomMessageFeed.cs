namespace ChatServer.Chat;

/// <summary>
/// The new messages of the rooms this instance listens to, as the message store hands them on: the in-memory store
/// straight from <see cref="IMessageStore.PostAsync"/>, the Redis store from the room's channel on every instance.
/// Both implementations keep the same promise, which the shared contract suite checks: every message stored after
/// <see cref="SubscribeAsync"/> returned reaches <c>onMessage</c> exactly once, in id order, until
/// <see cref="UnsubscribeAsync"/> (in Redis mode across a lost and restored subscriber connection too). A room has one
/// subscriber per instance: <c>RoomDelivery</c>, which subscribes on its first local member and unsubscribes after the last.
/// </summary>
public interface IRoomMessageFeed
{
    /// <param name="onMessage">Called one message at a time per room; it must not wait on any client.</param>
    Task SubscribeAsync(string room, Action<ChatMessage> onMessage, CancellationToken cancellationToken);

    Task UnsubscribeAsync(string room, CancellationToken cancellationToken);
}
