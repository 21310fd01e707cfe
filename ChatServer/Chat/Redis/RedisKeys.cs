namespace ChatServer.Chat.Redis;

/// <summary>
/// Every Redis key and channel the chat stores use, in one place. All start with the configured prefix
/// (default <c>chat:</c>), so deployments sharing one Redis stay apart. Every key a room's scripts touch carries the
/// room as a hash tag (<c>{room}</c>), so each script's keys share one hash slot and the same scripts run on Redis
/// Cluster (docs/scale-out.md, "Redis Cluster readiness"); the presence disconnect script still derives per-room keys
/// from the prefix.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>The prefix with its trailing colon, as the scripts receive it.</summary>
    public string Prefix { get; } = prefix.EndsWith(':') ? prefix : prefix + ":";

    // History: one hash tag per room, so the send, change and read scripts touch one slot.
    public string RoomStream(string room) => $"{RoomScope(room)}:messages";

    /// <summary>Each changed message's current state (hash: message id → JSON, <see cref="MessageOverrides"/>).</summary>
    public string RoomMessageStates(string room) => $"{RoomScope(room)}:state";

    /// <summary>The messages with a state, scored by their milliseconds, so states of trimmed messages can be dropped.</summary>
    public string RoomChangedMessages(string room) => $"{RoomScope(room)}:changed";

    /// <summary>
    /// The id of the message a user first sent with a client message id. The contract makes the id unique per user,
    /// not per room, so this key is the user's and is the one key of a send outside the room's slot.
    /// </summary>
    public string SentMessage(string user, string clientMessageId) => $"{Prefix}sent:{user.ToLowerInvariant()}:{clientMessageId}";

    /// <summary>
    /// The room keys as they were named before they carried a hash tag (<c>chat:room:&lt;room&gt;:messages</c> …), in
    /// the same order as <see cref="RoomHistoryKeys"/>: what <see cref="RoomKeyMigration"/> renames at start-up.
    /// </summary>
    public string[] LegacyRoomHistoryKeys(string room) => [$"{Prefix}room:{room}:messages", $"{Prefix}room:{room}:state", $"{Prefix}room:{room}:changed"];

    /// <summary>The room's history keys: stream, message states, changed-message index.</summary>
    public string[] RoomHistoryKeys(string room) => [RoomStream(room), RoomMessageStates(room), RoomChangedMessages(room)];

    public string RoomsWithHistory => $"{Prefix}rooms";

    /// <summary>Set once every room's history keys carry the hash tag (<see cref="RoomKeyMigration"/>): later starts skip the pass.</summary>
    public string RoomKeysMigrated => $"{Prefix}migrations:room-hash-tags";

    /// <summary>A user's read markers (hash: room → message id). The user name is the hash tag: one key per script.</summary>
    public string ReadMarkers(string user) => $"{Prefix}read:{{{user.ToLowerInvariant()}}}";

    /// <summary>
    /// The channel a room's new messages are published on, by the same script that appends them (the project's own
    /// channel, not SignalR's backplane's).
    /// </summary>
    public string RoomChannel(string room) => $"{Prefix}room:{room}:live";

    // Presence (the disconnect script builds the first two from the prefix as well).
    public string RoomUsers(string room) => $"{Prefix}presence:room:{room}:users";

    public string RoomUserConnections(string room, string user) => $"{Prefix}presence:room:{room}:user:{user}";

    public string ConnectionRooms(string connectionId) => $"{Prefix}presence:connection:{connectionId}:rooms";

    /// <summary>Every open connection of a user, on any instance (the disconnect script builds it from the prefix as well).</summary>
    public string UserConnections(string user) => $"{Prefix}presence:user:{user}:connections";

    public string ConnectionOwner(string connectionId) => $"{Prefix}presence:connection:{connectionId}";

    public string InstanceConnections(string instanceId) => $"{Prefix}presence:instance:{instanceId}:connections";

    public string OnlineCounts => $"{Prefix}presence:online";

    public string InstanceLeases => $"{Prefix}presence:instances";

    // Typing: the per-room keys carry the room's hash tag, so a send can end its author's typing in the same script.
    public string Typing(string room, string user) => $"{TypingKeyPrefix(room)}{user}";

    public string TypingKeyPrefix(string room) => $"{Prefix}typing:{{{room}}}:";

    public string RoomTypists(string room) => $"{Prefix}typing-room:{{{room}}}";

    /// <summary>Every (room, user) that may have typing to expire, across rooms: an index that may hold more than is live.</summary>
    public string TypingExpiries => $"{Prefix}typing-expiries";

    // Rate limiting, accounts.
    public string RateLimitBucket(string bucket) => $"{Prefix}ratelimit:{bucket.ToLowerInvariant()}";

    public string Account(string user) => $"{Prefix}user:{user.ToLowerInvariant()}";

    // Tokens: the signing-key ring, and refresh-token families. A family's keys carry its id as a hash tag ({id}), so
    // the rotation script's keys share one slot.
    public string SigningKeys => $"{Prefix}auth:signing-keys";

    public string RefreshFamily(string familyId) => $"{Prefix}auth:refresh:{{{familyId}}}";

    public string RefreshTokenReplaced(string familyId, string tokenHash) => $"{Prefix}auth:refresh:{{{familyId}}}:replaced:{tokenHash}";

    private string RoomScope(string room) => $"{Prefix}room:{{{room}}}";
}
