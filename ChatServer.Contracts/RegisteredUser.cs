namespace ChatServer.Contracts;

/// <summary>What registration returns.</summary>
/// <param name="UserName">The name as registered.</param>
public sealed record RegisteredUser(string UserName);
