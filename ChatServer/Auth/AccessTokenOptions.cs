using Microsoft.AspNetCore.Authentication;

namespace ChatServer.Auth;

/// <summary>The access-token scheme (lifetime from <c>Chat:Auth:TokenLifetimeSeconds</c>).</summary>
public sealed class AccessTokenOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ChatAccessToken";

    /// <summary>Where WebSockets and Server-Sent Events may carry the token as <c>access_token</c>.</summary>
    public PathString QueryTokenPath { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);
}
