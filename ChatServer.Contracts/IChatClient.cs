namespace ChatServer.Contracts;

/// <summary>The events the server invokes on clients; the method names are the event names of the contract.</summary>
public interface IChatClient
{
    /// <summary>A message in a room the connection has joined (the sender's own connections included).</summary>
    Task MessageReceived(ChatMessage message);

    /// <summary>A user's first connection joined <paramref name="room"/>.</summary>
    Task UserJoined(string room, string userName);

    /// <summary>A user's last connection left <paramref name="room"/> (or dropped, or its instance died).</summary>
    Task UserLeft(string room, string userName);

    /// <summary>Another user started or stopped typing in <paramref name="room"/>.</summary>
    Task TypingChanged(string room, string userName, bool isTyping);

    /// <summary>A message arrived in a direct room the recipient has not joined on any connection: join it to read.</summary>
    Task DirectRoomActivity(string room, string fromUser);

    /// <summary>A message in a joined room was edited; carries its current state (with <c>editedAt</c>).</summary>
    Task MessageEdited(ChatMessage message);

    /// <summary>A message in a joined room was deleted: drop its text; history keeps it as a tombstone.</summary>
    Task MessageDeleted(string room, string messageId);

    /// <summary>The reactions on a message in a joined room changed; <paramref name="reactions"/> is the full new list.</summary>
    Task ReactionsChanged(string room, string messageId, Reaction[] reactions);

    /// <summary>The user was mentioned in a room none of their connections has joined (sent to every connection).</summary>
    Task Mentioned(string room, ChatMessage message);

    /// <summary>Another connection of the same user moved its read marker in <paramref name="room"/>.</summary>
    Task ReadMarkerChanged(string room, string messageId);

    /// <summary>A background job of this user's changed status, or made progress (at most every 500 ms).</summary>
    Task JobUpdated(JobStatus status);
}
