using ChatServer.Delivery;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>Counts each hub call while it runs (<see cref="InFlightInvocations"/>), for the drain at shutdown.</summary>
internal sealed class InFlightInvocationFilter(InFlightInvocations inFlight) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connectionId = invocationContext.Context.ConnectionId;
        inFlight.Enter(connectionId);
        try
        {
            return await next(invocationContext);
        }
        finally
        {
            inFlight.Exit(connectionId);
        }
    }
}
