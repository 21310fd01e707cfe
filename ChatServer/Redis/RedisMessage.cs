namespace ChatServer.Redis;

/// <summary>A published message: the channel it was published on, its payload, and the pattern that matched (PSUBSCRIBE only).</summary>
public readonly record struct RedisMessage(string Channel, RedisValue Payload, string? Pattern);
