using System.Net.WebSockets;

namespace ChatServer.LoadTest.Clients;

/// <summary>Where a direct WebSocket to the hub goes, and how the load tool opens one.</summary>
internal static class HubSocketAddress
{
    /// <summary>
    /// The address as a <c>ws</c>/<c>wss</c> URI with the token as <c>access_token</c> (the query parameter the server
    /// reads for WebSockets): the tool's own sockets cannot set headers through every connector.
    /// </summary>
    public static Uri WithAccessToken(Uri hubUri, string? accessToken)
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
    public static async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken)
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
