using ChatServer.Client;
using Microsoft.AspNetCore.Http.Connections;

namespace ChatServer.Tests.Infrastructure;

/// <summary>ChatClients for servers on real sockets (a process, Kestrel in the test, or the cluster behind nginx).</summary>
internal static class TestClients
{
    /// <summary>
    /// A client over a direct WebSocket (no negotiate: behind nginx it needs no instance affinity), without automatic
    /// reconnect unless <paramref name="reconnectDelays"/> is given.
    /// </summary>
    public static ChatClient Create(Uri serverUri, string? accessToken, IReadOnlyList<TimeSpan>? reconnectDelays = null, ChatProtocol protocol = ChatProtocol.Json) =>
        new(new ChatClientOptions
        {
            ServerUri = serverUri,
            AccessTokenProvider = _ => Task.FromResult(accessToken),
            Protocol = protocol,
            Transports = HttpTransportType.WebSockets,
            SkipNegotiation = true,
            ReconnectDelays = reconnectDelays ?? [],
        });
}
