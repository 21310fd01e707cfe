namespace ChatServer.Chat;

/// <summary>
/// One entry of a room's order: a new message (<see cref="Change"/> null), or a change to an earlier message. Either way
/// <see cref="Message"/> is the current state of the message concerned; <see cref="Id"/> is the entry's place in the
/// room's order (for a new message, its id).
/// </summary>
public sealed record RoomEntry(MessageId Id, ChatMessage Message, RoomChangeKind? Change = null)
{
    public bool IsChange => Change is not null;
}
