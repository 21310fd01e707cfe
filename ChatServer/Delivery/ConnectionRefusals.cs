using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Delivery;

/// <summary>
/// Turns away hub connections this instance cannot take (its chat storage is unreachable, or it is draining for a
/// restart) with a close message the official clients show and that lets them reconnect, instead of a bare close
/// code 1011. Refusals for an outage are logged once per outage: the first at Warning, the rest at Debug until a
/// connection is taken again.
/// </summary>
internal sealed class ConnectionRefusals(ILogger<ConnectionRefusals> logger)
{
    public const string UnavailableReason = "Chat is temporarily unavailable (its storage cannot be reached); reconnecting";

    public const string RestartingReason = "This chat server is restarting; reconnecting to another";

    private int _refusingForOutage;

    /// <summary>A connection was taken: the next refusal for an outage belongs to a new outage.</summary>
    public void Admitted() => Volatile.Write(ref _refusingForOutage, 0);

    public Task RefuseUnavailableAsync(HubConnectionContext connection, Exception cause)
    {
        if (Interlocked.Exchange(ref _refusingForOutage, 1) == 0)
        {
            DeliveryLog.RefusedUnavailable(logger, connection.ConnectionId, connection.UserIdentifier, cause.GetType().Name, cause.Message);
        }
        else
        {
            DeliveryLog.RefusedUnavailableAgain(logger, connection.ConnectionId, connection.UserIdentifier);
        }

        return CloseAsync(connection, UnavailableReason);
    }

    public Task RefuseRestartingAsync(HubConnectionContext connection)
    {
        DeliveryLog.RefusedRestarting(logger, connection.ConnectionId, connection.UserIdentifier);
        return CloseAsync(connection, RestartingReason);
    }

    // The handshake has been answered, so the client reads this as the reason its connection closed. The connection
    // is not aborted: that could drop the message before the transport sends it (the client then saw a bare 1011).
    // The refusal ends the connection's handler instead (ChatHubEndpoint), and the transport sends what was written
    // before it closes.
    private static Task CloseAsync(HubConnectionContext connection, string reason) =>
        connection.WriteAsync(new CloseMessage(reason, allowReconnect: true)).AsTask();
}
