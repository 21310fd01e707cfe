namespace ChatServer.Api;

/// <summary>The body of register and login.</summary>
public sealed record Credentials(string? UserName, string? Password);
