namespace ChatServer.Chat;

/// <summary>What went wrong, so the hub and the HTTP API can each report it their own way.</summary>
public enum ChatErrorKind
{
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    Unavailable,
}
