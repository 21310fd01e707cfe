namespace ChatServer.Hosting;

/// <summary>
/// Security headers on every response the app writes (nginx adds the same to the files it serves itself): the page
/// runs with no inline script or style, may not be framed, sends no referrer, and no content type is sniffed.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>What the page needs: its own scripts, styles, images and the hub's connections (same origin).</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (Scalar) configures itself in an inline script and injects its styles.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseChatSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // On starting, so the headers survive the exception handler, which clears headers before it writes.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(Api.ApiDocs.ReferencePath) ? ApiReferencePolicy : PagePolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
