using ChatServer.Chat;
using ChatServer.Delivery;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// Reaches clients: what happens in a room (presence, typing) goes through the room feed, like its messages, so it
/// reaches every instance's members through <see cref="RoomDelivery"/> and its per-connection budget; what is for
/// one user goes through SignalR (its Redis backplane in Redis mode). A user's rapid presence and typing changes in a
/// room are folded first (<see cref="RoomSignalCoalescer"/>).
/// </summary>
public sealed class HubChatBroadcaster(IHubContext<ChatHub, IChatClient> hub, RoomDelivery rooms, RoomSignalCoalescer signals) : IChatBroadcaster
{
    public Task SubscribeAsync(string connectionId, string room, CancellationToken cancellationToken) =>
        rooms.JoinAsync(room, connectionId, cancellationToken);

    public Task UnsubscribeAsync(string connectionId, string room, CancellationToken cancellationToken) =>
        rooms.LeaveAsync(room, connectionId, cancellationToken);

    public Task UserJoinedAsync(string room, string userName, CancellationToken cancellationToken) =>
        signals.PublishAsync(new RoomSignal(room, RoomSignalKind.Joined, userName), cancellationToken);

    public Task UserLeftAsync(string room, string userName, CancellationToken cancellationToken) =>
        signals.PublishAsync(new RoomSignal(room, RoomSignalKind.Left, userName), cancellationToken);

    public Task DirectRoomActivityAsync(string userName, string room, string fromUser, CancellationToken cancellationToken) =>
        hub.Clients.User(userName).DirectRoomActivity(room, fromUser);

    public Task TypingChangedAsync(string room, string userName, bool isTyping, CancellationToken cancellationToken) =>
        signals.PublishAsync(new RoomSignal(room, isTyping ? RoomSignalKind.TypingStarted : RoomSignalKind.TypingStopped, userName), cancellationToken);

    public Task MentionedAsync(string userName, string room, ChatMessage message, CancellationToken cancellationToken) =>
        hub.Clients.User(userName).Mentioned(room, message);

    // Clients.User cannot leave one connection out, a group can: every connection joins its user's group on connect.
    public Task ReadMarkerChangedAsync(string userName, string exceptConnectionId, string room, string messageId, CancellationToken cancellationToken) =>
        hub.Clients.GroupExcept(UserGroup(userName), exceptConnectionId).ReadMarkerChanged(room, messageId);

    public Task UserConnectedAsync(string userName, string connectionId, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(connectionId, UserGroup(userName), cancellationToken);

    private static string UserGroup(string userName) => "user:" + userName.ToLowerInvariant();
}
