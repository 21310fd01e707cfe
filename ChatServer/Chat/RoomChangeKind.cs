namespace ChatServer.Chat;

/// <summary>What a change entry in a room's order did to an earlier message; the values are stored (Redis stream field <c>kind</c>).</summary>
public enum RoomChangeKind
{
    Edited = 1,

    Deleted = 2,

    Reactions = 3,
}
