namespace ChatServer.Chat;

/// <summary>Receives what an <see cref="IRoomFeed"/> hands on for one room, one item at a time.</summary>
public interface IRoomFeedHandler
{
    void OnMessage(ChatMessage message);

    /// <summary>A change to an earlier message (<see cref="RoomEntry.Change"/> set), in the room's order with its messages.</summary>
    void OnChange(RoomEntry change);

    void OnSignal(RoomSignal signal);
}
