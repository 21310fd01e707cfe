namespace ChatServer.Api;

/// <summary>The body of refresh and logout.</summary>
public sealed record RefreshTokenRequest(string? RefreshToken);
