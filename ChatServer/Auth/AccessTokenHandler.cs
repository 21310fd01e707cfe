using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;token&gt;</c> everywhere and the <c>access_token</c> query parameter on the hub,
/// where browsers cannot send headers with WebSockets or Server-Sent Events.
/// </summary>
public sealed class AccessTokenHandler(
    IOptionsMonitor<AccessTokenOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ITokenSigningKeyStore keys,
    TimeProvider timeProvider)
    : AuthenticationHandler<AccessTokenOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.GetKeyAsync(Context.RequestAborted);
        var userName = AccessTokenCodec.Read(token, key, timeProvider.GetUtcNow());
        if (userName is null)
        {
            return AuthenticateResult.Fail("The access token is invalid or expired: log in again.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userName), new Claim(ClaimTypes.Name, userName)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private string? ReadToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        var query = Request.Query["access_token"].ToString();
        return query.Length > 0 && Options.QueryTokenPath.HasValue && Request.Path.StartsWithSegments(Options.QueryTokenPath) ? query : null;
    }
}
