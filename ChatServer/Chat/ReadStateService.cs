namespace ChatServer.Chat;

/// <summary>
/// Read markers and unread counts: <c>MarkRead</c>, and what <c>JoinRoom</c> and the room list say of them. Each costs
/// a bounded amount of store work (one marker, or one capped count per room), never a scan of a room.
/// </summary>
public sealed class ReadStateService(IReadMarkerStore markers, IMessageStore messages, IChatBroadcaster broadcaster)
{
    /// <summary>Unread counts stop here; the page shows "99+".</summary>
    public const int UnreadCap = 100;

    /// <summary>
    /// Moves the caller's marker forward to <paramref name="messageId"/>, a message of the room, and tells the caller's
    /// other connections. An older id is ignored (not an error).
    /// </summary>
    public async Task MarkReadAsync(string userName, string connectionId, string? room, string? messageId, CancellationToken cancellationToken)
    {
        room = RoomNames.Validate(room);
        var id = ChatValidation.ParseRequiredId(messageId, "messageId");
        RoomNames.EnsureAccess(room, userName);
        if (await messages.FindAsync(room, id, cancellationToken) is null)
        {
            throw ChatException.NotFound($"No message '{id}' in this room");
        }

        if (await markers.AdvanceAsync(userName, room, id, cancellationToken))
        {
            await broadcaster.ReadMarkerChangedAsync(userName, connectionId, room, id.ToString(), cancellationToken);
        }
    }

    public Task<MessageId?> GetMarkerAsync(string userName, string room, CancellationToken cancellationToken) =>
        markers.GetAsync(userName, room, cancellationToken);

    public Task<IReadOnlyDictionary<string, MessageId>> GetMarkersAsync(string userName, CancellationToken cancellationToken) =>
        markers.GetAllAsync(userName, cancellationToken);

    /// <summary>
    /// Unread messages in <paramref name="room"/> for the caller, capped at <see cref="UnreadCap"/>. Without a marker, a
    /// direct room counts from its start (nothing of it was read) and a public room counts nothing (the directory lists
    /// rooms the caller never opened; their history is not news to anyone).
    /// </summary>
    public Task<int> CountUnreadAsync(string userName, string room, MessageId? marker, CancellationToken cancellationToken) =>
        marker is null && !RoomNames.IsDirect(room)
            ? Task.FromResult(0)
            : messages.CountUnreadAsync(room, userName, marker, UnreadCap, cancellationToken);
}
