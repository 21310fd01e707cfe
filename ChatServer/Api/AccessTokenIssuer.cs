using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace ChatServer.Api;

/// <summary>
/// Issues the opaque bearer tokens that ASP.NET Core's BearerToken handler validates. They are protected with
/// Data Protection, so every instance sharing the key ring accepts every other instance's tokens.
/// </summary>
public sealed class AccessTokenIssuer(IOptionsMonitor<BearerTokenOptions> options, TimeProvider timeProvider)
{
    public LoginResponse Issue(string userName)
    {
        var bearer = options.Get(BearerTokenDefaults.AuthenticationScheme);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userName), new Claim(ClaimTypes.Name, userName)],
            BearerTokenDefaults.AuthenticationScheme);
        var issuedAt = timeProvider.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = issuedAt, ExpiresUtc = issuedAt + bearer.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, BearerTokenDefaults.AuthenticationScheme);
        return new LoginResponse(bearer.BearerTokenProtector.Protect(ticket), (long)bearer.BearerTokenExpiration.TotalSeconds, userName);
    }
}
