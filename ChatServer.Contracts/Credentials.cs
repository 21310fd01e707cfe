namespace ChatServer.Contracts;

/// <summary>The body of register and login.</summary>
/// <param name="UserName">2 to 32 of <c>A-Z a-z 0-9 _ . -</c>; unique ignoring case.</param>
/// <param name="Password">8 to 128 characters.</param>
public sealed record Credentials(string? UserName, string? Password);
