namespace ChatServer.Auth;

/// <summary>What <see cref="AccountVerifier"/> found for a token's account.</summary>
public enum AccountCheck
{
    /// <summary>The account exists with the token's id and security stamp.</summary>
    Current,

    /// <summary>Deleted, registered again (another id), or its stamp changed: the token must stop working.</summary>
    Gone,

    /// <summary>The account store cannot answer now (Redis away).</summary>
    Unavailable,
}
