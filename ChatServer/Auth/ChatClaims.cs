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
}
