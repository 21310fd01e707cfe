namespace ChatServer.Contracts;

/// <summary>
/// The methods clients call on <c>/hubs/chat</c>; the method names are the hub's. Arguments are nullable because a
/// client may send anything: the server answers a bad one with a <c>HubException</c> saying what is wrong.
/// </summary>
public interface IChatHub
{
    /// <summary>
    /// Joins <paramref name="room"/>: with <paramref name="sinceId"/> null, the latest 50 messages; otherwise every
    /// message after it (at most 500, <see cref="RoomSnapshot.HasMore"/> when cut).
    /// </summary>
    Task<RoomSnapshot> JoinRoom(string? room, string? sinceId);

    /// <summary>Leaves <paramref name="room"/> on this connection.</summary>
    Task LeaveRoom(string? room);

    /// <summary>
    /// Sends <paramref name="text"/> to a joined room. A repeated <paramref name="clientMessageId"/> returns the first
    /// message again and broadcasts nothing, so a retry after a lost acknowledgement is safe.
    /// </summary>
    Task<ChatMessage> SendMessage(string? room, string? text, string? clientMessageId);

    /// <summary>Up to <paramref name="limit"/> (1..100) messages strictly before <paramref name="beforeId"/> (null: the latest), oldest first.</summary>
    Task<HistoryPage> GetHistory(string? room, string? beforeId, int? limit);

    /// <summary>Marks the caller typing in <paramref name="room"/> for 5 s.</summary>
    Task StartTyping(string? room);

    /// <summary>Ends the caller's typing in <paramref name="room"/>.</summary>
    Task StopTyping(string? room);

    /// <summary>The <c>dm:{a}:{b}</c> room between the caller and <paramref name="userName"/>, who must exist.</summary>
    Task<string> OpenDirectRoom(string? userName);

    /// <summary>The busiest rooms with members or history (the first page of <see cref="ListRoomsPage"/>), like <c>GET /api/rooms</c>.</summary>
    Task<RoomInfo[]> ListRooms();

    /// <summary>A page of the room list, busiest first; <paramref name="cursor"/> from the previous page's <c>nextCursor</c>.</summary>
    Task<RoomPage> ListRoomsPage(int? limit, string? cursor);

    /// <summary>Which instance holds this connection.</summary>
    Task<HubConnectionInfo> GetServerInfo();

    /// <summary>Replaces the text of the caller's own message; the room gets <c>MessageEdited</c>. Same text rules as sending.</summary>
    Task<ChatMessage> EditMessage(string? room, string? messageId, string? text);

    /// <summary>Deletes the caller's own message (a tombstone stays in history); the room gets <c>MessageDeleted</c>. Deleting twice is not an error.</summary>
    Task DeleteMessage(string? room, string? messageId);

    /// <summary>Adds the caller's <paramref name="emoji"/> reaction, or removes it if present; returns the message's reactions.</summary>
    Task<Reaction[]> ToggleReaction(string? room, string? messageId, string? emoji);

    /// <summary>Like <see cref="SendMessage"/>, quoting <paramref name="replyToId"/> (a message of the same room).</summary>
    Task<ChatMessage> SendReply(string? room, string? replyToId, string? text, string? clientMessageId);

    /// <summary>Moves the caller's read marker in <paramref name="room"/> forward to <paramref name="messageId"/> (an older id is ignored).</summary>
    Task MarkRead(string? room, string? messageId);
}
