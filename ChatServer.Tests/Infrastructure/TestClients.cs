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

    /// <summary>
    /// Registers a new user named <paramref name="prefix"/>-… on the server at <paramref name="serverUri"/> and joins
    /// <paramref name="room"/> with a started connection whose events are recorded: the other side of a chat a test drives.
    /// </summary>
    public static async Task<(string UserName, RecordedConnection Connection)> JoinAsNewUserAsync(Uri serverUri, string prefix, string room)
    {
        using var http = new HttpClient { BaseAddress = serverUri };
        var login = await new ChatApiClient(http).RegisterOrLoginAsync($"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)], ChatApplication.Password);
        var connection = new RecordedConnection(Create(serverUri, login.AccessToken));
        try
        {
            await connection.Hub.StartAsync();
            await connection.Hub.JoinRoomAsync(room);
            return (login.UserName, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
