using ChatServer.Api;
using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// Sessions: a login starts one (an access token and the first refresh token of a new family), a refresh trades the
/// current refresh token for a new pair, a logout ends the family. A refresh checks the account again, so a session
/// of a deleted or re-created account ends at its next refresh.
/// </summary>
public sealed class SessionService(
    AccessTokenIssuer accessTokens,
    SigningKeyRingProvider keys,
    IRefreshTokenStore refreshTokens,
    IUserStore users,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<SessionService> logger)
{
    public async Task<LoginResponse> StartAsync(UserAccount account, CancellationToken cancellationToken)
    {
        var key = await keys.GetSigningKeyAsync(cancellationToken);
        var refresh = RefreshToken.StartFamily();
        var family = new RefreshTokenFamily(refresh.FamilyId, account.UserName, account.Id, account.SecurityStamp);
        await refreshTokens.CreateAsync(family, refresh.Hash, RefreshExpiry(), cancellationToken);
        return Respond(account, refresh, key);
    }

    /// <summary>A new access and refresh token, or null when the refresh token does not (or no longer) work.</summary>
    public async Task<LoginResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (RefreshToken.Parse(refreshToken) is not { } presented)
        {
            return null;
        }

        // The key first: once the token is rotated, a failure before the answer leaves the client holding a replaced
        // token, whose next use would end the session.
        var key = await keys.GetSigningKeyAsync(cancellationToken);
        var next = presented.Next();
        var rotation = await refreshTokens.RotateAsync(presented.FamilyId, presented.Hash, next.Hash, RefreshExpiry(), cancellationToken);
        if (rotation.Outcome == RefreshTokenOutcome.Reused)
        {
            AuthLog.RefreshTokenReused(logger, rotation.Family!.UserName, presented.FamilyId);
            return null;
        }

        if (rotation.Outcome != RefreshTokenOutcome.Rotated)
        {
            return null;
        }

        var family = rotation.Family!;
        var account = await users.FindAsync(family.UserName, cancellationToken);
        if (account is null || account.Id != family.AccountId || account.SecurityStamp != family.SecurityStamp)
        {
            AuthLog.RefreshFamilyOrphaned(logger, family.UserName, family.Id);
            await refreshTokens.RevokeAsync(family.Id, next.Hash, family.UserName, cancellationToken);
            return null;
        }

        return Respond(account, next, key);
    }

    /// <summary>Ends the session of <paramref name="refreshToken"/> if it is <paramref name="userName"/>'s; otherwise does nothing.</summary>
    public async Task EndAsync(string refreshToken, string userName, CancellationToken cancellationToken)
    {
        if (RefreshToken.Parse(refreshToken) is { } presented)
        {
            await refreshTokens.RevokeAsync(presented.FamilyId, presented.Hash, userName, cancellationToken);
        }
    }

    private LoginResponse Respond(UserAccount account, RefreshToken refresh, SigningKey key) =>
        new(accessTokens.Issue(account, key), (long)accessTokens.Lifetime.TotalSeconds, account.UserName, refresh.Text);

    private DateTimeOffset RefreshExpiry() => time.GetUtcNow() + options.Value.RefreshTokenLifetime;
}
