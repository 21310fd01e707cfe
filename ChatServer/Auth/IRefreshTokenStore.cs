namespace ChatServer.Auth;

/// <summary>
/// Refresh-token families, by token hash. A family has one current token; rotating replaces it atomically (two
/// instances presented the same token at once: exactly one rotates it, the other sees a reuse), remembers the replaced
/// one for as long as it would have worked, and revokes the family when a replaced one comes back.
/// A family ends when its current token expires (on the app's <see cref="TimeProvider"/>).
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Starts a family with its first token.</summary>
    Task CreateAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="presentedHash"/> by <paramref name="nextHash"/> if it is its family's current token.</summary>
    Task<RefreshTokenRotation> RotateAsync(string familyId, string presentedHash, string nextHash, DateTimeOffset nextExpiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the family when <paramref name="presentedHash"/> is its current or a replaced token and it belongs to
    /// <paramref name="userName"/> (ignoring case). False when nothing was revoked.
    /// </summary>
    Task<bool> RevokeAsync(string familyId, string presentedHash, string userName, CancellationToken cancellationToken);
}
