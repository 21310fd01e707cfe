namespace ChatServer.Auth;

public enum RefreshTokenOutcome
{
    /// <summary>The presented token was its family's current one and has been replaced by the next.</summary>
    Rotated,

    /// <summary>The presented token had been replaced before: a replay. The whole family is revoked.</summary>
    Reused,

    /// <summary>Unknown, expired, revoked or malformed.</summary>
    Invalid,
}
