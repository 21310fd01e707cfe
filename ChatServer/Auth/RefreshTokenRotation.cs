namespace ChatServer.Auth;

/// <summary>What a rotation found; <see cref="Family"/> is set for <see cref="RefreshTokenOutcome.Rotated"/> and <see cref="RefreshTokenOutcome.Reused"/>.</summary>
public sealed record RefreshTokenRotation(RefreshTokenOutcome Outcome, RefreshTokenFamily? Family)
{
    public static RefreshTokenRotation Invalid { get; } = new(RefreshTokenOutcome.Invalid, null);
}
