namespace ChatServer.Api;

/// <summary>What login returns; <see cref="ExpiresIn"/> is in seconds.</summary>
public sealed record LoginResponse(string AccessToken, long ExpiresIn, string UserName);
