namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// How a test <see cref="RedisServer"/> authenticates (nothing, a password via requirepass, or an ACL user) and,
/// optionally, a fixed port (e.g. one a client is already trying to reach; null picks a free one) and TLS only
/// (a self-signed certificate for localhost/127.0.0.1 is generated; see <see cref="RedisServer.TlsCertificate"/>), and
/// durable data (AOF with fsync on every write, so a kill and restart keeps everything, as a production Redis would),
/// and a delay per key while loading that data at start (Redis's own test knob <c>key-load-delay</c>, so a test can
/// watch a restarted server answer LOADING for as long as it needs), and Redis Cluster mode as a single node holding
/// every hash slot (so a script whose keys cross slots is refused with CROSSSLOT, as on a real cluster).
/// </summary>
public sealed record RedisServerSettings(
    string? Password = null,
    string? User = null,
    int? Port = null,
    bool Tls = false,
    bool Durable = false,
    int KeyLoadDelayMicroseconds = 0,
    bool ClusterNode = false);
