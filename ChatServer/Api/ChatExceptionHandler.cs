using ChatServer.Chat;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatServer.Api;

/// <summary>Turns a <see cref="ChatException"/> thrown by an endpoint into ProblemDetails with the matching status.</summary>
public sealed class ChatExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ChatException chatException)
        {
            return false;
        }

        httpContext.Response.StatusCode = chatException.Kind switch
        {
            ChatErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ChatErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ChatErrorKind.NotFound => StatusCodes.Status404NotFound,
            ChatErrorKind.Conflict => StatusCodes.Status409Conflict,
            ChatErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Title = chatException.Message, Status = httpContext.Response.StatusCode },
        });
    }
}
