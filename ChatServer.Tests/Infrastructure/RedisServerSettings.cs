namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// How a test <see cref="RedisServer"/> authenticates (nothing, a password via requirepass, or an ACL user) and,
/// optionally, a fixed port (e.g. one a client is already trying to reach); null picks a free one.
/// </summary>
public sealed record RedisServerSettings(string? Password = null, string? User = null, int? Port = null);
