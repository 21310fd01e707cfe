namespace ChatServer.Tests.Infrastructure;

/// <summary>How a test <see cref="RedisServer"/> authenticates: nothing, a password (requirepass), or an ACL user.</summary>
public sealed record RedisServerSettings(string? Password = null, string? User = null);
