using ChatServer.Delivery;
using ChatServer.Hubs;

namespace ChatServer.Hosting;

/// <summary>
/// While the instance drains, a request that would open a new hub connection (a negotiate, or a transport request
/// without a connection id, as with skipNegotiation) gets 503, which nginx retries on another instance
/// (<c>proxy_next_upstream http_503</c>). Requests of connections already open go on until the drain closes them.
/// </summary>
internal sealed class DrainAdmissionMiddleware(RequestDelegate next, ConnectionDrain drain)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (drain.IsDraining && OpensHubConnection(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return context.Response.WriteAsync(ConnectionRefusals.RestartingReason, context.RequestAborted);
        }

        return next(context);
    }

    private static bool OpensHubConnection(HttpRequest request) =>
        request.Path.StartsWithSegments(ChatHub.Path, out var rest)
        && (rest.Equals("/negotiate", StringComparison.OrdinalIgnoreCase) || (!rest.HasValue && !request.Query.ContainsKey("id")));
}
