namespace ChatServer.Chat.Redis;

/// <summary>
/// Every Redis key and channel the chat stores use, in one place. All start with the configured prefix
/// (default <c>chat:</c>), so deployments sharing one Redis stay apart. The Lua scripts derive a few per-room
/// keys from the same prefix; their shapes are noted where they do.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>The prefix with its trailing colon, as the scripts receive it.</summary>
    public string Prefix { get; } = prefix.EndsWith(':') ? prefix : prefix + ":";

    // History.
    public string RoomStream(string room) => $"{Prefix}room:{room}:messages";

    /// <summary>Each changed message's current state (hash: message id → JSON, <see cref="MessageOverrides"/>).</summary>
    public string RoomMessageStates(string room) => $"{Prefix}room:{room}:state";

    /// <summary>The messages with a state, scored by their milliseconds, so states of trimmed messages can be dropped.</summary>
    public string RoomChangedMessages(string room) => $"{Prefix}room:{room}:changed";

    public string RoomsWithHistory => $"{Prefix}rooms";

    /// <summary>A user's read markers (hash: room → message id). The user name is the hash tag: one key per script.</summary>
    public string ReadMarkers(string user) => $"{Prefix}read:{{{user.ToLowerInvariant()}}}";

    public string SentMessage(string user, string clientMessageId) => $"{Prefix}sent:{user.ToLowerInvariant()}:{clientMessageId}";

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

    // Typing (the expire script builds the room index from the prefix as well).
    public string Typing(string room, string user) => $"{Prefix}typing:{room}:{user}";

    public string TypingKeyPrefix(string room) => $"{Prefix}typing:{room}:";

    public string RoomTypists(string room) => $"{Prefix}typing-room:{room}";

    public string TypingExpiries => $"{Prefix}typing-expiries";

    // Rate limiting, accounts.
    public string RateLimitBucket(string bucket) => $"{Prefix}ratelimit:{bucket.ToLowerInvariant()}";

    public string Account(string user) => $"{Prefix}user:{user.ToLowerInvariant()}";

    // Tokens: the signing-key ring, and refresh-token families. A family's keys carry its id as a hash tag ({id}), so
    // the rotation script's keys share one slot.
    public string SigningKeys => $"{Prefix}auth:signing-keys";

    public string RefreshFamily(string familyId) => $"{Prefix}auth:refresh:{{{familyId}}}";

    public string RefreshTokenReplaced(string familyId, string tokenHash) => $"{Prefix}auth:refresh:{{{familyId}}}:replaced:{tokenHash}";
}
