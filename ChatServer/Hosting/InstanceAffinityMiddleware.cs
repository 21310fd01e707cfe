using ChatServer.Chat;

namespace ChatServer.Hosting;

/// <summary>
/// Names this instance in a cookie on every <c>/hubs</c> response, so nginx can send the requests that follow a
/// negotiate (the WebSocket, SSE or long-polling transport of the same connection) to the instance that issued
/// the connection token: open-source nginx has no sticky sessions, and <c>ip_hash</c> puts every client behind one
/// address (or every test on loopback) on one instance. nginx maps the cookie to a per-instance upstream
/// (see nginx.conf); without the cookie it balances across all instances.
/// </summary>
internal sealed class InstanceAffinityMiddleware(RequestDelegate next, ServerInfo server)
{
    /// <summary>nginx reads it as <c>$cookie_chat_instance</c>; a hyphen would make it unreachable from nginx.</summary>
    public const string CookieName = "chat_instance";

    public const string CookiePath = "/hubs";

    private readonly CookieOptions _options = new()
    {
        Path = CookiePath,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
    };

    public Task InvokeAsync(HttpContext context)
    {
        // Only hub traffic needs affinity, and a request that already names this instance needs nothing new.
        if (context.Request.Path.StartsWithSegments(CookiePath)
            && !string.Equals(context.Request.Cookies[CookieName], server.InstanceId, StringComparison.Ordinal))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Cookies.Append(CookieName, server.InstanceId, _options);
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
