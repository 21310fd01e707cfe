using ChatServer.Chat;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// The hub at <c>/hubs/chat</c>. Thin by design: identity comes from the access token
/// (<see cref="HubCallerContext.UserIdentifier"/>), everything else is <see cref="ChatRoomService"/>.
/// </summary>
[Authorize]
public sealed class ChatHub(ChatRoomService rooms, MessageChangeService changes, ReadStateService readState, IChatBroadcaster broadcaster, ServerInfo server, ILogger<ChatHub> logger) : Hub<IChatClient>, IChatHub
{
    public const string Path = "/hubs/chat";

    private string UserName => Context.UserIdentifier ?? throw new HubException("Not authenticated");

    /// <summary>The address the connection came from; behind a trusted proxy, the one it forwarded (UseForwardedHeaders).</summary>
    private string? ClientAddress => Hosting.ClientAddress.Of(Context.GetHttpContext());

    public override async Task OnConnectedAsync()
    {
        try
        {
            await rooms.ConnectAsync(UserName, Context.ConnectionId, Context.ConnectionAborted);
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.RateLimited)
        {
            // SignalR closes the connection with a HubException's message, which the client shows.
            HubLog.ConnectionRefused(logger, Context.ConnectionId, UserName, exception.Message);
            throw new HubException(exception.Message);
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            // The client left while connecting (found by the fuzz test): not a server error. Returning lets SignalR
            // run OnDisconnectedAsync, which undoes whatever of the connection was already registered.
            HubLog.GoneWhileConnecting(logger, Context.ConnectionId, UserName);
            return;
        }

        HubLog.Connected(logger, Context.ConnectionId, UserName);
        try
        {
            await broadcaster.UserConnectedAsync(UserName, Context.ConnectionId, Context.ConnectionAborted);
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            HubLog.GoneWhileConnecting(logger, Context.ConnectionId, UserName);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        HubLog.Disconnected(logger, Context.ConnectionId, UserName, exception?.Message);

        // The connection is gone, so its abort token has fired: clean up regardless.
        await rooms.DisconnectAsync(UserName, Context.ConnectionId, CancellationToken.None);
    }

    public Task<RoomSnapshot> JoinRoom(string? room, string? sinceId) =>
        rooms.JoinAsync(UserName, Context.ConnectionId, room, sinceId, Context.ConnectionAborted);

    public Task LeaveRoom(string? room) =>
        rooms.LeaveAsync(UserName, Context.ConnectionId, room, Context.ConnectionAborted);

    public Task<ChatMessage> SendMessage(string? room, string? text, string? clientMessageId) =>
        rooms.SendAsync(UserName, Context.ConnectionId, ClientAddress, room, text, clientMessageId, Context.ConnectionAborted);

    public Task<HistoryPage> GetHistory(string? room, string? beforeId, int? limit) =>
        rooms.GetHistoryAsync(UserName, room, beforeId, limit ?? ChatLimits.DefaultHistoryLimit, "beforeId", Context.ConnectionAborted);

    public Task StartTyping(string? room) =>
        rooms.StartTypingAsync(UserName, Context.ConnectionId, room, Context.ConnectionAborted);

    public Task StopTyping(string? room) =>
        rooms.StopTypingAsync(UserName, Context.ConnectionId, room, Context.ConnectionAborted);

    public Task<string> OpenDirectRoom(string? userName) =>
        rooms.OpenDirectRoomAsync(UserName, userName, Context.ConnectionAborted);

    public async Task<RoomInfo[]> ListRooms() =>
        (await rooms.ListRoomsAsync(UserName, null, null, Context.ConnectionAborted)).Rooms;

    public Task<RoomPage> ListRoomsPage(int? limit, string? cursor) =>
        rooms.ListRoomsAsync(UserName, limit, cursor, Context.ConnectionAborted);

    public Task<ChatMessage> EditMessage(string? room, string? messageId, string? text) =>
        changes.EditAsync(UserName, Context.ConnectionId, room, messageId, text, Context.ConnectionAborted);

    public Task DeleteMessage(string? room, string? messageId) =>
        changes.DeleteAsync(UserName, Context.ConnectionId, room, messageId, Context.ConnectionAborted);

    public Task<Reaction[]> ToggleReaction(string? room, string? messageId, string? emoji) =>
        changes.ToggleReactionAsync(UserName, Context.ConnectionId, room, messageId, emoji, Context.ConnectionAborted);

    public Task<ChatMessage> SendReply(string? room, string? replyToId, string? text, string? clientMessageId) =>
        rooms.SendReplyAsync(UserName, Context.ConnectionId, ClientAddress, room, replyToId, text, clientMessageId, Context.ConnectionAborted);

    public Task MarkRead(string? room, string? messageId) =>
        readState.MarkReadAsync(UserName, Context.ConnectionId, room, messageId, Context.ConnectionAborted);

    public Task<HubConnectionInfo> GetServerInfo() => Task.FromResult(new HubConnectionInfo(server.InstanceId, server.Mode, Context.ConnectionId));
}
