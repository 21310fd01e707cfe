using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Client;

/// <summary>How a <see cref="ChatClient"/> connects.</summary>
public sealed class ChatClientOptions
{
    /// <summary>The server's (or nginx's) root, e.g. <c>http://127.0.0.1:8080/</c>; the hub is at <c>/hubs/chat</c> under it.</summary>
    public required Uri ServerUri { get; set; }

    /// <summary>Returns the current access token; called on every connect and reconnect, so a refreshed token is used.</summary>
    public Func<CancellationToken, Task<string?>>? AccessTokenProvider { get; set; }

    /// <summary>The hub protocol; JSON by default.</summary>
    public ChatProtocol Protocol { get; set; } = ChatProtocol.Json;

    /// <summary>The transports negotiate may pick from; all three by default (WebSockets first).</summary>
    public HttpTransportType Transports { get; set; } = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;

    /// <summary>
    /// Connect straight to the WebSocket without the negotiate request. Needs <see cref="Transports"/> to be WebSockets
    /// only; behind a load balancer it needs no instance affinity.
    /// </summary>
    public bool SkipNegotiation { get; set; }

    /// <summary>
    /// Waits between reconnect attempts after the connection is lost; the last one repeats for as long as the client
    /// lives. Empty: no automatic reconnect.
    /// </summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; set; } =
        [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    /// <summary>
    /// Ask the server to keep the connection through a short network drop (SignalR's stateful reconnect): nothing is
    /// lost and the connection id stays. On by default.
    /// </summary>
    public bool StatefulReconnect { get; set; } = true;

    /// <summary>After an automatic reconnect, rejoin every room from its last message seen (<see cref="ChatClient.ResumeAsync"/>). On by default.</summary>
    public bool ResumeOnReconnect { get; set; } = true;

    /// <summary>Adjusts the HTTP connection (handlers, headers, WebSocket factory), e.g. to run over a test server.</summary>
    public Action<HttpConnectionOptions>? ConfigureHttpConnection { get; set; }

    /// <summary>Adjusts the hub connection builder (logging, protocol options) before it is built.</summary>
    public Action<IHubConnectionBuilder>? ConfigureBuilder { get; set; }
}
