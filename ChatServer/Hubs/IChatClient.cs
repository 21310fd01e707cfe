using ChatServer.Chat;

namespace ChatServer.Hubs;

/// <summary>The events the server invokes on clients; method names are part of the public contract.</summary>
public interface IChatClient
{
    Task MessageReceived(ChatMessage message);

    Task UserJoined(string room, string userName);

    Task UserLeft(string room, string userName);

    Task TypingChanged(string room, string userName, bool isTyping);

    /// <summary>A message arrived in a direct room the recipient has not joined on any connection: join it to read.</summary>
    Task DirectRoomActivity(string room, string fromUser);
}
