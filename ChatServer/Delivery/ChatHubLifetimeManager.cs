using ChatServer.Hubs;
using ChatServer.Metrics;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Delivery;

/// <summary>
/// SignalR's own lifetime manager (in memory, or its Redis backplane) with one addition: it tells
/// <see cref="RoomDelivery"/> about each connection this instance holds, because only the lifetime manager sees the
/// <see cref="HubConnectionContext"/> that room messages are written to, and it counts the connections by transport
/// and hub protocol for the same reason. It also turns away the connections the instance cannot take
/// (<see cref="ConnectionRefusals"/>). Every send and group change goes to the inner manager unchanged.
/// </summary>
internal sealed class ChatHubLifetimeManager(HubLifetimeManager<ChatHub> inner, RoomDelivery rooms, ConnectionDrain drain, ConnectionRefusals refusals, ChatMetrics metrics) : HubLifetimeManager<ChatHub>
{
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        rooms.OnConnected(connection);
        metrics.ConnectionOpened(TransportOf(connection), connection.Protocol.Name);
        if (drain.IsDraining)
        {
            await refusals.RefuseRestartingAsync(connection);
            throw new ConnectionRefusedException(ConnectionRefusals.RestartingReason);
        }

        try
        {
            await inner.OnConnectedAsync(connection);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The backplane could not subscribe the connection (Redis is away). Admission is a boundary: the client
            // is told why and reconnects later; the exception ends this connection's handler.
            await refusals.RefuseUnavailableAsync(connection, exception);
            throw new ConnectionRefusedException(ConnectionRefusals.UnavailableReason, exception);
        }

        refusals.Admitted();
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        metrics.ConnectionClosed(TransportOf(connection), connection.Protocol.Name);
        await rooms.OnDisconnectedAsync(connection);
        await inner.OnDisconnectedAsync(connection);
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendAllAsync(methodName, args, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendGroupAsync(groupName, methodName, args, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendUserAsync(userId, methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendUsersAsync(userIds, methodName, args, cancellationToken);

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        inner.AddToGroupAsync(connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
        inner.SetConnectionResultAsync(connectionId, result);

    /// <summary>The transport as SignalR's own meter names it (<c>signalr.transport</c>): web_sockets, server_sent_events, long_polling.</summary>
    private static string TransportOf(HubConnectionContext connection) => connection.Features.Get<IHttpTransportFeature>()?.TransportType switch
    {
        Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets => "web_sockets",
        Microsoft.AspNetCore.Http.Connections.HttpTransportType.ServerSentEvents => "server_sent_events",
        Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling => "long_polling",
        _ => "unknown",
    };

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        inner.TryGetReturnType(invocationId, out type);
}
