using System.Diagnostics;

namespace ChatServer.Hosting;

/// <summary>
/// One line per HTTP request (Serilog.AspNetCore's request logging does not restore here). Health probes and
/// static files log at Debug so they do not drown the rest.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var path = context.Request.Path.Value ?? "/";
            var quiet = context.Request.Path.StartsWithSegments("/health") || !(context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"));
            if (quiet)
            {
                HostingLog.QuietRequest(logger, context.Request.Method, path, context.Response.StatusCode, elapsed);
            }
            else
            {
                HostingLog.Request(logger, context.Request.Method, path, context.Response.StatusCode, elapsed);
            }
        }
    }
}
