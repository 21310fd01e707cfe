using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>Which instance serves a client (<c>GET /api/server</c>), and whether it runs on in-memory stores or on Redis.</summary>
/// <param name="InstanceId">The instance's id (<c>Chat__InstanceId</c>).</param>
/// <param name="Mode"><see cref="MemoryMode"/> or <see cref="RedisMode"/>.</param>
[DataContract]
public sealed record ServerInfo(
    [property: DataMember(Name = "instanceId")] string InstanceId,
    [property: DataMember(Name = "mode")] string Mode)
{
    /// <summary>One instance on in-memory stores.</summary>
    public const string MemoryMode = "memory";

    /// <summary>Instances sharing Redis.</summary>
    public const string RedisMode = "redis";
}
