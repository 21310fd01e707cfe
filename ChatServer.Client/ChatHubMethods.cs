using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Client;

/// <summary>Typed calls for the hub methods of the contract.</summary>
public static class ChatHubMethods
{
    public static Task<RoomSnapshot> JoinRoomAsync(this HubConnection hub, string room, string? sinceId = null, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<RoomSnapshot>("JoinRoom", room, sinceId, cancellationToken);

    public static Task LeaveRoomAsync(this HubConnection hub, string room, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync("LeaveRoom", room, cancellationToken);

    public static Task<ChatMessage> SendMessageAsync(this HubConnection hub, string room, string text, string? clientMessageId = null, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<ChatMessage>("SendMessage", room, text, clientMessageId, cancellationToken);

    public static Task<HistoryPage> GetHistoryAsync(this HubConnection hub, string room, string? beforeId = null, int? limit = null, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<HistoryPage>("GetHistory", room, beforeId, limit, cancellationToken);

    public static Task StartTypingAsync(this HubConnection hub, string room, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync("StartTyping", room, cancellationToken);

    public static Task StopTypingAsync(this HubConnection hub, string room, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync("StopTyping", room, cancellationToken);

    public static Task<string> OpenDirectRoomAsync(this HubConnection hub, string userName, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<string>("OpenDirectRoom", userName, cancellationToken);

    public static Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(this HubConnection hub, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<IReadOnlyList<RoomInfo>>("ListRooms", cancellationToken);

    public static Task<ServerInfo> GetServerInfoAsync(this HubConnection hub, CancellationToken cancellationToken = default) =>
        hub.InvokeAsync<ServerInfo>("GetServerInfo", cancellationToken);

    public static IDisposable OnMessageReceived(this HubConnection hub, Action<ChatMessage> handler) =>
        hub.On("MessageReceived", handler);

    public static IDisposable OnUserJoined(this HubConnection hub, Action<string, string> handler) =>
        hub.On("UserJoined", handler);

    public static IDisposable OnUserLeft(this HubConnection hub, Action<string, string> handler) =>
        hub.On("UserLeft", handler);

    public static IDisposable OnDirectRoomActivity(this HubConnection hub, Action<string, string> handler) =>
        hub.On("DirectRoomActivity", handler);

    public static IDisposable OnTypingChanged(this HubConnection hub, Action<string, string, bool> handler) =>
        hub.On("TypingChanged", handler);
}
