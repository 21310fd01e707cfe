namespace ChatServer.Contracts;

/// <summary>
/// What login and refresh return: a bearer <see cref="AccessToken"/> (a JWT) valid for <see cref="ExpiresIn"/> seconds,
/// the registered spelling of the name, and the <see cref="RefreshToken"/> that gets the next pair (once).
/// </summary>
/// <param name="AccessToken">The bearer token for the API and the hub.</param>
/// <param name="ExpiresIn">Seconds until <paramref name="AccessToken"/> expires.</param>
/// <param name="UserName">The name as registered (its casing).</param>
/// <param name="RefreshToken">Trade it at <c>POST /api/auth/refresh</c> for the next pair; it works once.</param>
public sealed record LoginResponse(string AccessToken, long ExpiresIn, string UserName, string RefreshToken);
