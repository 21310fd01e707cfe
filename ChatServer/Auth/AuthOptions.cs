using System.ComponentModel.DataAnnotations;

namespace ChatServer.Auth;

/// <summary>Access tokens, refresh tokens and the signing-key ring (section <c>Chat:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Chat:Auth";

    /// <summary>Access-token lifetime. Short, because a client refreshes it with its refresh token before it runs out.</summary>
    [Range(2, 30 * 24 * 3600, ErrorMessage = "Chat:Auth:TokenLifetimeSeconds must be between 2 and 2592000")]
    public int TokenLifetimeSeconds { get; set; } = 15 * 60;

    /// <summary>How long a refresh token works; each refresh hands out a new one with the full lifetime.</summary>
    [Range(1, 365, ErrorMessage = "Chat:Auth:RefreshTokenLifetimeDays must be between 1 and 365")]
    public int RefreshTokenLifetimeDays { get; set; } = 14;

    /// <summary>A signing key signs new tokens this long; then a new key takes over and the old one only validates.</summary>
    [Range(1, 3650, ErrorMessage = "Chat:Auth:KeyRotationDays must be between 1 and 3650")]
    public int KeyRotationDays { get; set; } = 30;

    /// <summary>How often each instance reads the key ring from its store (and writes back keys the store lost).</summary>
    [Range(1, 3600, ErrorMessage = "Chat:Auth:KeyRingRefreshSeconds must be between 1 and 3600")]
    public int KeyRingRefreshSeconds { get; set; } = 5;

    /// <summary>Tolerated clock difference between instances when checking <c>exp</c> and <c>nbf</c>.</summary>
    [Range(0, 300, ErrorMessage = "Chat:Auth:ClockSkewSeconds must be between 0 and 300")]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>The <c>iss</c> claim: who issued the token.</summary>
    [Required(ErrorMessage = "Chat:Auth:Issuer must not be empty")]
    [MaxLength(200, ErrorMessage = "Chat:Auth:Issuer must be at most 200 characters")]
    public string Issuer { get; set; } = "chatserver";

    /// <summary>The <c>aud</c> claim: who the token is for.</summary>
    [Required(ErrorMessage = "Chat:Auth:Audience must not be empty")]
    [MaxLength(200, ErrorMessage = "Chat:Auth:Audience must be at most 200 characters")]
    public string Audience { get; set; } = "chatserver";

    public TimeSpan TokenLifetime => TimeSpan.FromSeconds(TokenLifetimeSeconds);

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(RefreshTokenLifetimeDays);

    public TimeSpan KeyRotation => TimeSpan.FromDays(KeyRotationDays);

    public TimeSpan KeyRingRefresh => TimeSpan.FromSeconds(KeyRingRefreshSeconds);

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);

    /// <summary>
    /// How long a key keeps validating after a newer key took over: the longest an access token it signed can still be
    /// accepted (its lifetime plus the skew), and a minute for an instance that signed with it before it learned of the
    /// newer key.
    /// </summary>
    public TimeSpan KeyGracePeriod => TokenLifetime + ClockSkew + TimeSpan.FromMinutes(1);
}
