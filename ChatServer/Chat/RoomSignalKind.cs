namespace ChatServer.Chat;

/// <summary>The kinds of <see cref="RoomSignal"/>; the values are part of the Redis room channel's record format.</summary>
public enum RoomSignalKind
{
    /// <summary>The user's first connection joined the room.</summary>
    Joined = 1,

    /// <summary>The user's last connection left the room (or its instance died).</summary>
    Left = 2,

    TypingStarted = 3,

    TypingStopped = 4,
}
