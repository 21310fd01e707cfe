using ChatServer.Chat;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>Reaches clients through SignalR: one group per room. The lifetime manager in use (in-memory or the Redis backplane) decides how far a call travels.</summary>
public sealed class HubChatBroadcaster(IHubContext<ChatHub, IChatClient> hub) : IChatBroadcaster
{
    public Task SubscribeAsync(string connectionId, string room, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(connectionId, room, cancellationToken);

    public Task UnsubscribeAsync(string connectionId, string room, CancellationToken cancellationToken) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, room, cancellationToken);

    public Task MessageReceivedAsync(ChatMessage message, CancellationToken cancellationToken) =>
        hub.Clients.Group(message.Room).MessageReceived(message);

    public Task UserJoinedAsync(string room, string userName, CancellationToken cancellationToken) =>
        hub.Clients.Group(room).UserJoined(room, userName);

    public Task UserLeftAsync(string room, string userName, CancellationToken cancellationToken) =>
        hub.Clients.Group(room).UserLeft(room, userName);

    public Task DirectRoomActivityAsync(string userName, string room, string fromUser, CancellationToken cancellationToken) =>
        hub.Clients.User(userName).DirectRoomActivity(room, fromUser);

    public Task TypingChangedAsync(string room, string userName, bool isTyping, IReadOnlyList<string> typistConnectionIds, CancellationToken cancellationToken) =>
        hub.Clients.GroupExcept(room, typistConnectionIds).TypingChanged(room, userName, isTyping);
}
