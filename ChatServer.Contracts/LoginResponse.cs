namespace ChatServer.Contracts;

/// <summary>What login returns.</summary>
/// <param name="AccessToken">The bearer token for the API and the hub.</param>
/// <param name="ExpiresIn">Seconds until <paramref name="AccessToken"/> expires.</param>
/// <param name="UserName">The name as registered (its casing).</param>
public sealed record LoginResponse(string AccessToken, long ExpiresIn, string UserName);
