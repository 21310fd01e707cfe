using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatServer.Auth;

/// <summary>
/// How JwtBearer validates the chat's access tokens: HS256 only, the configured issuer and audience, a key from this
/// instance's ring chosen by the token's <c>kid</c> (<see cref="SigningKeyRingProvider"/>, read on every validation,
/// so rotation and keys learned from other instances apply at once), and the app's clock.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> auth, SigningKeyRingProvider keys, TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = auth.Value;
        options.MapInboundClaims = false;
        options.TimeProvider = time;
        options.EventsType = typeof(ChatJwtBearerEvents);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Ring.Find(keyId) is { } key ? [key] : [],
            ClockSkew = settings.ClockSkew,
            // IdentityModel checks lifetimes against the system clock (its TimeProvider hook is internal); this checks
            // them against the clock the tokens were issued with, which tests can move.
            LifetimeValidator = (notBefore, expires, _, parameters) => IsWithinLifetime(notBefore, expires, parameters.ClockSkew),
            NameClaimType = ChatClaims.UserName,
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } expiry && now < expiry.ToUniversalTime() + skew
            && (notBefore is not { } start || start.ToUniversalTime() <= now + skew);
    }
}
