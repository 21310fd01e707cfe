namespace ChatServer.Chat;

/// <summary>
/// Each room's message history, in id order. Posting is the one place messages enter a room: it checks
/// idempotency, appends, and hands the message to the room's <see cref="IRoomFeed"/> subscribers (on every
/// instance) in id order, so every client sees a room's messages in the same order as history.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Appends a message, hands it to the room's feed and ends its author's typing in the room (one step, so a send
    /// is one Redis round trip), unless <c>(User, ClientMessageId)</c> was posted before, in which case the
    /// first message is returned with <see cref="PostedMessage.IsDuplicate"/> set and nothing is delivered.
    /// </summary>
    Task<PostedMessage> PostAsync(NewMessage message, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> messages strictly before <paramref name="before"/> (null: the newest), oldest first.</summary>
    Task<HistoryPage> GetBeforeAsync(string room, MessageId? before, int limit, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="limit"/> messages strictly after <paramref name="after"/>, oldest first.</summary>
    Task<HistoryPage> GetAfterAsync(string room, MessageId after, int limit, CancellationToken cancellationToken);

    /// <summary>How many messages <paramref name="room"/> keeps now (0 when it has none).</summary>
    Task<long> CountAsync(string room, CancellationToken cancellationToken);

    /// <summary>Every room that has history.</summary>
    Task<IReadOnlyList<string>> GetRoomsAsync(CancellationToken cancellationToken);
}
