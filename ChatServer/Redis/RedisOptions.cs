using System.Net.Security;

namespace ChatServer.Redis;

/// <summary>
/// Where and how to connect. Bind the <c>Redis</c> section, or set <see cref="Configuration"/> to a connection
/// string (<c>host:port,password=…,user=…,defaultDatabase=N,connectTimeout=ms,loadingTimeout=ms,ssl=true,name=…</c>),
/// whose values override the individual settings.
/// </summary>
public sealed partial class RedisOptions
{
    /// <summary>Configuration section the DI extension binds by default.</summary>
    public const string SectionName = "Redis";

    public const int DefaultPort = 6379;

    /// <summary>Connection string; when set, its values win over the properties below.</summary>
    public string? Configuration { get; set; }

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = DefaultPort;

    /// <summary>ACL user for <c>AUTH user password</c>; null authenticates as the default user.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Database selected on the command connection (SELECT); pub/sub is server-wide.</summary>
    public int DefaultDatabase { get; set; }

    /// <summary>Sent as CLIENT SETNAME so the connections are recognisable in CLIENT LIST.</summary>
    public string? ClientName { get; set; }

    /// <summary>Wrap the socket in TLS (SslStream).</summary>
    public bool Ssl { get; set; }

    /// <summary>Name the server certificate must carry; defaults to <see cref="Host"/>.</summary>
    public string? SslHost { get; set; }

    /// <summary>Optional certificate check (e.g. a private CA); null uses the platform's validation.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    /// <summary>Limit for socket connect, TLS and handshake together.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-command reply timeout; a command past it fails its caller only.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay; doubles per failed attempt, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True: the first connect failing fails <c>ConnectAsync</c> (and so start-up). False: <c>ConnectAsync</c>
    /// returns and the client keeps retrying in the background; commands fail fast until it connects.
    /// </summary>
    public bool AbortOnConnectFail { get; set; } = true;

    /// <summary>
    /// How long the first connect waits for a server that is still loading its dataset (a restarted Redis replaying
    /// its append-only file answers LOADING until done) before it counts as failed. Zero: do not wait.
    /// </summary>
    public TimeSpan LoadingTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages buffered per subscription handler before new ones are dropped (and counted).</summary>
    public int SubscriptionQueueCapacity { get; set; } = 10_000;

    /// <summary>"host:port", for messages and logs.</summary>
    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Set when <see cref="Configuration"/> could not be applied; reported by validation at start-up.</summary>
    internal string? ConfigurationError { get; set; }

    /// <summary>A copy, so a connection never sees later changes to options it was given.</summary>
    public RedisOptions Clone() => (RedisOptions)MemberwiseClone();
}
