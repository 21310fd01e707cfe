namespace ChatServer.Hubs;

/// <summary>What <c>GetServerInfo</c> returns on the hub: the instance holding the connection, and the connection's server-side id.</summary>
public sealed record ConnectionInfo(string InstanceId, string Mode, string ConnectionId);
