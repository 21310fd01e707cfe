namespace ChatServer.Chat;

/// <summary>
/// Each room's history, in one order: new messages, and the changes (edits, deletes, reactions) made to them later,
/// each an entry with its own id in the same sequence. Posting and changing are the only ways in: each hands its
/// entry to the room's <see cref="IRoomFeed"/> subscribers (on every instance) in that order, so every client sees a
/// room's messages and their changes in the same order as the history. Reads return messages in their current state.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Draws a token from each of the message's <see cref="NewMessage.Budgets"/>, appends it, hands it to the room's
    /// feed and ends its author's typing in the room: one step, so a send is one Redis round trip. When
    /// <c>(User, ClientMessageId)</c> was posted before, the first message is returned with
    /// <see cref="PostedMessage.IsDuplicate"/> set, nothing is delivered and no token is drawn (a retry is answered
    /// even when the sender is out of budget). When a budget is empty nothing is stored and a
    /// <see cref="ChatErrorKind.RateLimited"/> <see cref="ChatException"/> says when to retry.
    /// </summary>
    Task<PostedMessage> PostAsync(NewMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> by <see cref="MessageChangeRules"/>, appends it to the room's order and hands it
    /// to the feed, atomically; a change that changes nothing is neither stored nor handed on. Throws
    /// <see cref="ChatErrorKind.NotFound"/> when the room's history has no such message.
    /// </summary>
    Task<ChangedMessage> ChangeAsync(MessageChange change, CancellationToken cancellationToken);

    /// <summary>A message in its current state, or null when the room's history does not hold it.</summary>
    Task<ChatMessage?> FindAsync(string room, MessageId id, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> messages strictly before <paramref name="before"/> (null: the newest), oldest first.</summary>
    Task<HistoryPage> GetBeforeAsync(string room, MessageId? before, int limit, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="limit"/> messages strictly after <paramref name="after"/>, oldest first, with the changes among them.</summary>
    Task<RoomEntries> GetAfterAsync(string room, MessageId after, int limit, CancellationToken cancellationToken);

    /// <summary>The id of the room's newest entry (message or change), or null for an empty room.</summary>
    Task<MessageId?> GetLastEntryIdAsync(string room, CancellationToken cancellationToken);

    /// <summary>
    /// Messages after <paramref name="after"/> (null: from the start) not sent by <paramref name="userName"/> and not
    /// deleted, counted up to <paramref name="cap"/>: the work is bounded by the cap, never by the room's size.
    /// </summary>
    Task<int> CountUnreadAsync(string room, string userName, MessageId? after, int cap, CancellationToken cancellationToken);

    /// <summary>How many messages <paramref name="room"/> keeps now (0 when it has none).</summary>
    Task<long> CountAsync(string room, CancellationToken cancellationToken);

    /// <summary>Every room that has history.</summary>
    Task<IReadOnlyList<string>> GetRoomsAsync(CancellationToken cancellationToken);
}
