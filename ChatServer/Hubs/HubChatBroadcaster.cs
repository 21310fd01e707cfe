using ChatServer.Chat;
using ChatServer.Delivery;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// Reaches clients through SignalR: one group per room for presence and typing, which the lifetime manager in use
/// (in-memory or SignalR's Redis backplane) carries as far as needed; and the room's messages through
/// <see cref="RoomDelivery"/>.
/// </summary>
public sealed class HubChatBroadcaster(IHubContext<ChatHub, IChatClient> hub, RoomDelivery messages) : IChatBroadcaster
{
    public async Task SubscribeAsync(string connectionId, string room, CancellationToken cancellationToken)
    {
        // Messages first: the store's feed says plainly when Redis is unavailable.
        await messages.JoinAsync(room, connectionId, cancellationToken);
        await hub.Groups.AddToGroupAsync(connectionId, room, cancellationToken);
    }

    public async Task UnsubscribeAsync(string connectionId, string room, CancellationToken cancellationToken)
    {
        await messages.LeaveAsync(room, connectionId, cancellationToken);
        await hub.Groups.RemoveFromGroupAsync(connectionId, room, cancellationToken);
    }

    public Task UserJoinedAsync(string room, string userName, CancellationToken cancellationToken) =>
        hub.Clients.Group(room).UserJoined(room, userName);

    public Task UserLeftAsync(string room, string userName, CancellationToken cancellationToken) =>
        hub.Clients.Group(room).UserLeft(room, userName);

    public Task DirectRoomActivityAsync(string userName, string room, string fromUser, CancellationToken cancellationToken) =>
        hub.Clients.User(userName).DirectRoomActivity(room, fromUser);

    public Task TypingChangedAsync(string room, string userName, bool isTyping, IReadOnlyList<string> typistConnectionIds, CancellationToken cancellationToken) =>
        hub.Clients.GroupExcept(room, typistConnectionIds).TypingChanged(room, userName, isTyping);
}
