using System.Security.Claims;
using ChatServer.Chat;
using ChatServer.Hubs;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ChatServer.Auth;

/// <summary>
/// The chat's additions to JwtBearer: the hub's <c>access_token</c> query parameter on WebSocket and Server-Sent
/// Events requests only (browsers cannot send headers with those), a key ring refresh when a token names a key this instance has not seen
/// yet, the account check after the signature, and a 503 instead of a 401 while Redis cannot answer (a 401 would
/// sign the user out).
/// </summary>
internal sealed class ChatJwtBearerEvents(
    SigningKeyRingProvider keys,
    AccountVerifier accounts,
    IProblemDetailsService problemDetails,
    ILogger<ChatJwtBearerEvents> logger) : JwtBearerEvents
{
    private const string QueryParameter = "access_token";
    private const string BearerPrefix = "Bearer ";

    private readonly JsonWebTokenHandler _reader = new();

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        var query = request.Query[QueryParameter].ToString();
        if (query.Length > 0 && request.Path.StartsWithSegments(ChatHub.Path) && CannotSendHeaders(context.HttpContext))
        {
            context.Token = query;
        }

        if (KeyIdOf(context.Token ?? HeaderToken(request)) is not { } keyId)
        {
            return;   // no token, or not a JWT: JwtBearer rejects what it cannot read
        }

        try
        {
            await keys.EnsureKnownAsync(keyId, context.HttpContext.RequestAborted);
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
        {
            AuthLog.AuthenticationUnavailable(logger, exception.Message);
            context.Fail(exception);
        }
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var userName = principal?.FindFirstValue(ChatClaims.UserName);
        var accountId = principal?.FindFirstValue(ChatClaims.AccountId);
        var stamp = principal?.FindFirstValue(ChatClaims.SecurityStamp);
        if (userName is null || accountId is null || stamp is null || context.SecurityToken is not JsonWebToken token)
        {
            context.Fail("The access token does not name an account: log in again.");
            return;
        }

        var issuedAt = new DateTimeOffset(DateTime.SpecifyKind(token.IssuedAt, DateTimeKind.Utc));
        switch (await accounts.CheckAsync(userName, accountId, stamp, issuedAt, context.HttpContext.RequestAborted))
        {
            case AccountCheck.Current:
                // A hub connection keeps its principal as long as it lives. The validated one also holds the parsed
                // token (its text, header, payload and a second copy of every claim); the chat needs three claims.
                context.Principal = ChatClaims.CreatePrincipal(userName, accountId, stamp, principal!.Identity?.AuthenticationType);
                return;
            case AccountCheck.Unavailable:
                var unavailable = ChatException.Unavailable("Chat storage is unavailable, could not check the account; try again shortly");
                AuthLog.AuthenticationUnavailable(logger, unavailable.Message);
                context.Fail(unavailable);
                return;
            default:
                context.Fail("The account of this access token no longer exists: log in again.");
                return;
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is not ChatException { Kind: ChatErrorKind.Unavailable } unavailable)
        {
            return;
        }

        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "2";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Title = unavailable.Message, Status = StatusCodes.Status503ServiceUnavailable },
        });
    }

    /// <summary>
    /// A browser's WebSocket or EventSource (Server-Sent Events) request, which cannot carry an Authorization header.
    /// Negotiate and long polling can, and do in the official clients: a token in their URL would only end up in logs.
    /// </summary>
    /// <remarks>
    /// Read from the request itself: <c>HttpContext.WebSockets</c> knows a WebSocket only inside the hub's own pipeline,
    /// after authentication has run. HTTP/1.1 asks with <c>Upgrade: websocket</c>, HTTP/2 with an extended CONNECT.
    /// </remarks>
    private static bool CannotSendHeaders(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var webSocket = request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase)
            || httpContext.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true, Protocol: var protocol }
                && string.Equals(protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        return webSocket
            || (HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));
    }

    private static string? HeaderToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }

    private string? KeyIdOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_reader.CanReadToken(token))
        {
            return null;
        }

        try
        {
            return _reader.ReadJsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            // Shaped like a JWT but not one (bad base64 or JSON): the validation that follows rejects it with its reason.
            return null;
        }
    }
}
