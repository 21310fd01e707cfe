namespace ChatServer.Chat;

/// <summary>Which instance serves a client, and whether it runs on in-memory stores or on Redis.</summary>
public sealed record ServerInfo(string InstanceId, string Mode)
{
    public const string MemoryMode = "memory";
    public const string RedisMode = "redis";
}
