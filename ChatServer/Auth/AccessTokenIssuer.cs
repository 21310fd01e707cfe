using ChatServer.Chat;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatServer.Auth;

/// <summary>
/// Issues access tokens: JWTs signed HS256 with the ring's current key (its id in the header's <c>kid</c>), carrying
/// <c>sub</c>, <c>name</c>, <c>stamp</c>, <c>jti</c> (unique per token), <c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>iss</c> and
/// <c>aud</c>. JwtBearer
/// validates them (<see cref="JwtBearerSetup"/>).
/// </summary>
public sealed class AccessTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    // Times come from the descriptor (the app's clock), never from the handler's own.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    /// <param name="key">The ring's current key, from <see cref="SigningKeyRingProvider.GetSigningKeyAsync"/>.</param>
    public string Issue(UserAccount account, SigningKey key)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>
            {
                [ChatClaims.AccountId] = account.Id,
                [ChatClaims.UserName] = account.UserName,
                [ChatClaims.SecurityStamp] = account.SecurityStamp,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
