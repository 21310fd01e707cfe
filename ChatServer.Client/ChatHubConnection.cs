using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Client;

/// <summary>Builds a <see cref="HubConnection"/> to <c>/hubs/chat</c> over <see cref="WebSocketConnectionFactory"/>.</summary>
public static class ChatHubConnection
{
    public const string HubPath = "/hubs/chat";

    /// <param name="baseUri">The server or nginx root, e.g. <c>http://127.0.0.1:8080/</c>.</param>
    /// <param name="accessTokenProvider">Called on every (re)connect, so a refreshed token is picked up.</param>
    /// <param name="reconnectDelays">Automatic reconnect schedule; null for none.</param>
    /// <param name="connectWebSocket">Opens the socket; null for <see cref="ClientWebSocket"/>.</param>
    public static HubConnection Create(
        Uri baseUri,
        Func<CancellationToken, ValueTask<string?>> accessTokenProvider,
        TimeSpan[]? reconnectDelays = null,
        Func<Uri, CancellationToken, Task<WebSocket>>? connectWebSocket = null,
        Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(accessTokenProvider, connectWebSocket));
        builder.Services.AddSingleton<System.Net.EndPoint>(new UriEndPoint(new Uri(baseUri, HubPath)));
        if (reconnectDelays is not null)
        {
            builder.WithAutomaticReconnect(reconnectDelays);
        }

        configure?.Invoke(builder);
        return builder.Build();
    }
}
