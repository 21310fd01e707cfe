namespace ChatServer.Api;

/// <summary>
/// What login and refresh return: a bearer <see cref="AccessToken"/> (a JWT) valid for <see cref="ExpiresIn"/> seconds,
/// the registered spelling of the name, and the <see cref="RefreshToken"/> that gets the next pair (once).
/// </summary>
public sealed record LoginResponse(string AccessToken, long ExpiresIn, string UserName, string RefreshToken);
