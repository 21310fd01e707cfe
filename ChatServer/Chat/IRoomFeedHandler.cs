namespace ChatServer.Chat;

/// <summary>Receives what an <see cref="IRoomFeed"/> hands on for one room, one item at a time.</summary>
public interface IRoomFeedHandler
{
    void OnMessage(ChatMessage message);

    void OnSignal(RoomSignal signal);
}
