using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ChatServer.Auth;

/// <summary>
/// The claims of an access token, under their JWT names (inbound claim mapping is off, so the principal has them as
/// written): <c>sub</c> the account's immutable id, <c>name</c> the user name (the identity of everything in the chat),
/// <c>stamp</c> the account's security stamp.
/// </summary>
public static class ChatClaims
{
    public const string AccountId = JwtRegisteredClaimNames.Sub;

    public const string UserName = JwtRegisteredClaimNames.Name;

    public const string SecurityStamp = "stamp";

    /// <summary>A principal with only the chat's claims, named by <see cref="UserName"/>.</summary>
    public static ClaimsPrincipal CreatePrincipal(string userName, string accountId, string securityStamp, string? authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(UserName, userName), new Claim(AccountId, accountId), new Claim(SecurityStamp, securityStamp)],
            authenticationType,
            UserName,
            roleType: null));
}
