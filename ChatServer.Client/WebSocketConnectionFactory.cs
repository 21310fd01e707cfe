using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;

namespace ChatServer.Client;

/// <summary>
/// Opens SignalR connections as a direct WebSocket to the hub (the server accepts it without the negotiate
/// request). Stands in for Microsoft.AspNetCore.Http.Connections.Client, which does not restore here.
/// </summary>
/// <param name="accessTokenProvider">Supplies the bearer token sent as <c>access_token</c>; null for none.</param>
/// <param name="connectWebSocket">Opens the socket; defaults to <see cref="ClientWebSocket"/>. Tests pass TestServer's client.</param>
public sealed class WebSocketConnectionFactory(
    Func<CancellationToken, ValueTask<string?>>? accessTokenProvider = null,
    Func<Uri, CancellationToken, Task<WebSocket>>? connectWebSocket = null) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not UriEndPoint { Uri: var hubUri })
        {
            throw new NotSupportedException($"Expected a {nameof(UriEndPoint)}, got {endpoint.GetType().Name}.");
        }

        var token = accessTokenProvider is null ? null : await accessTokenProvider(cancellationToken);
        var socketUri = ToWebSocketUri(hubUri, token);
        var socket = await (connectWebSocket ?? ConnectClientWebSocketAsync)(socketUri, cancellationToken);
        return WebSocketConnection.Start(socket);
    }

    /// <summary>The hub's WebSocket address (<c>ws</c>/<c>wss</c>), with the token as <c>access_token</c> when given.</summary>
    public static Uri ToWebSocketUri(Uri hubUri, string? accessToken)
    {
        var builder = new UriBuilder(hubUri)
        {
            Scheme = hubUri.Scheme switch
            {
                "http" or "ws" => "ws",
                "https" or "wss" => "wss",
                _ => throw new NotSupportedException($"Unsupported scheme '{hubUri.Scheme}'."),
            },
        };
        if (accessToken is not null)
        {
            var query = builder.Query.TrimStart('?');
            var tokenParameter = "access_token=" + Uri.EscapeDataString(accessToken);
            builder.Query = query.Length == 0 ? tokenParameter : query + "&" + tokenParameter;
        }

        return builder.Uri;
    }

    /// <summary>Opens a <see cref="ClientWebSocket"/>, disposing it again when the connect fails.</summary>
    public static async Task<WebSocket> ConnectClientWebSocketAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
