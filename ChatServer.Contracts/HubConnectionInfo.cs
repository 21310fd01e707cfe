using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>What the hub's <c>GetServerInfo</c> returns: the instance holding the connection, and the connection's server-side id.</summary>
/// <param name="InstanceId">The instance's id.</param>
/// <param name="Mode"><see cref="ServerInfo.MemoryMode"/> or <see cref="ServerInfo.RedisMode"/>.</param>
/// <param name="ConnectionId">The server's id for this connection.</param>
[DataContract]
public sealed record HubConnectionInfo(
    [property: DataMember(Name = "instanceId")] string InstanceId,
    [property: DataMember(Name = "mode")] string Mode,
    [property: DataMember(Name = "connectionId")] string ConnectionId);
