namespace ChatServer.Contracts;

/// <summary>The body of refresh and logout.</summary>
/// <param name="RefreshToken">The refresh token login or the last refresh returned.</param>
public sealed record RefreshTokenRequest(string? RefreshToken);
