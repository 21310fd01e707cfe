using ChatServer.Chat;
using StackExchange.Redis;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatServer.Api;

/// <summary>
/// Turns a <see cref="ChatException"/> thrown by an endpoint into ProblemDetails with the matching status, and so
/// does a body that cannot be read (bad JSON, wrong types, too large) in every environment.
/// </summary>
public sealed class ChatExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            ChatException chat => (StatusOf(chat.Kind), chat.Message),
            RedisException or RedisTimeoutException => (StatusCodes.Status503ServiceUnavailable, "Chat is temporarily unavailable; try again shortly"),
            BadHttpRequestException badRequest => (badRequest.StatusCode, "The request body could not be read: send JSON matching the documented shape"),
            _ => (0, null),
        };
        if (title is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Title = title, Status = status },
        });
    }

    private static int StatusOf(ChatErrorKind kind) => kind switch
        {
            ChatErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ChatErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ChatErrorKind.NotFound => StatusCodes.Status404NotFound,
            ChatErrorKind.Conflict => StatusCodes.Status409Conflict,
            ChatErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
}
