namespace ChatServer.Chat;

/// <summary>
/// The entries of a room after some id, in room order: at most a limit of new messages, with the changes among them
/// (<see cref="HasMore"/> when messages were left out; changes after the last message returned are left for the next read).
/// </summary>
public sealed record RoomEntries(IReadOnlyList<RoomEntry> Entries, bool HasMore)
{
    public static RoomEntries Empty { get; } = new([], false);

    /// <summary>The new messages, oldest first.</summary>
    public IReadOnlyList<ChatMessage> Messages => [.. Entries.Where(e => !e.IsChange).Select(e => e.Message)];

    /// <summary>
    /// The current state of messages at or before <paramref name="since"/> changed by these entries, each once, in
    /// message order (later messages are returned in their current state already).
    /// </summary>
    public IReadOnlyList<ChatMessage> UpdatedAtOrBefore(MessageId since) =>
    [
        .. Entries.Where(e => e.IsChange)
            .Select(e => (Id: MessageId.Parse(e.Message.Id), e.Message))
            .Where(e => e.Id <= since)
            .GroupBy(e => e.Id)
            .Select(g => g.Last())
            .OrderBy(e => e.Id)
            .Select(e => e.Message),
    ];
}
