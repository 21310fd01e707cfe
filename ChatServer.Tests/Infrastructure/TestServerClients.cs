using ChatServer.Client;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.TestHost;

namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// ChatClients over an in-process TestServer: negotiate and long polling through its handler, WebSockets through its
/// WebSocket client (which carries the token in the header, as the official client does outside browsers). No
/// automatic reconnect; the token is asked on every (re)connect.
/// </summary>
internal static class TestServerClients
{
    public static ChatClient Create(TestServer server, Func<string?> accessToken, ChatProtocol protocol = ChatProtocol.Json, HttpTransportType transports = HttpTransportType.WebSockets) =>
        new(new ChatClientOptions
        {
            ServerUri = server.BaseAddress,
            AccessTokenProvider = _ => Task.FromResult(accessToken()),
            Protocol = protocol,
            Transports = transports,
            ReconnectDelays = [],
            ConfigureHttpConnection = http =>
            {
                http.HttpMessageHandlerFactory = _ => server.CreateHandler();
                http.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    if (accessToken() is { } token)
                    {
                        client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
                    }

                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            },
        });
}
