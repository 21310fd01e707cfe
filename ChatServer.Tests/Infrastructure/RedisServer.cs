using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// A real redis-server process for tests: bound to 127.0.0.1 on a free port, no persistence, optionally with a
/// password or an ACL user. It can be killed (SIGKILL, like a crash) and restarted on the same port, and disposing
/// it kills exactly the process it started. As a cluster node it holds every hash slot and is ready once the cluster
/// state is ok.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>The ACL user <see cref="SendRawAsync"/> logs in as when the server has ACL users.</summary>
    public const string AdminUser = "test-admin";

    public const string NotFoundMessage = "redis-server not found: apt-get install -y redis-server";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly RedisServerSettings _settings;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(RedisServerSettings settings, int port)
    {
        _settings = settings;
        Port = port;
        _directory = Directory.CreateTempSubdirectory("redis-test-").FullName;
        if (settings.Tls) TlsCertificate = CreateCertificate(_directory);
    }

    /// <summary>The server's self-signed certificate when started with TLS (pin it in the client's validation).</summary>
    public X509Certificate2? TlsCertificate { get; }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>"127.0.0.1:port".</summary>
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>StackExchange.Redis configuration string with the configured credentials (the server's <c>Redis:Configuration</c>).</summary>
    public string ConnectionString =>
        Endpoint
        + (_settings.Tls ? ",ssl=true" : string.Empty)
        + (_settings.Password is null ? string.Empty : $",password={_settings.Password}")
        + (_settings.User is null ? string.Empty : $",user={_settings.User}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(RedisServerSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new RedisServerSettings();
        var server = new RedisServer(settings, settings.Port ?? FreePort());
        try
        {
            await server.StartProcessAsync(waitUntilLoaded: true, cancellationToken);
            if (settings.ClusterNode) await server.TakeAllSlotsAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: the server vanishes mid-conversation, as in a crash. Waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        if (process is null || process.HasExited) return;
        process.Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>
    /// Starts the server again on the same port (after <see cref="KillAsync"/>). By default returns once it answers
    /// PING; with <paramref name="waitUntilLoaded"/> false, as soon as it answers at all, which may be LOADING.
    /// </summary>
    public async Task RestartAsync(bool waitUntilLoaded = true, CancellationToken cancellationToken = default)
    {
        await KillAsync();
        _process?.Dispose();
        _process = null;
        await StartProcessAsync(waitUntilLoaded, cancellationToken);
    }

    /// <summary>
    /// Sends one inline command over a fresh socket and returns the first reply line (for admin steps in tests). With
    /// an ACL user it authenticates as <see cref="AdminUser"/>, which the tests never switch off.
    /// </summary>
    public Task<string> SendRawAsync(string inlineCommand, CancellationToken cancellationToken = default) =>
        SendRawAsync(inlineCommand, replyLines: 1, cancellationToken);

    /// <summary>As <see cref="SendRawAsync(string, CancellationToken)"/>, the first <paramref name="replyLines"/> reply lines joined with '\n'.</summary>
    public async Task<string> SendRawAsync(string inlineCommand, int replyLines, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
        Stream stream = client.GetStream();
        if (TlsCertificate is not null)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate?.GetCertHashString() == TlsCertificate.GetCertHashString());
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancellationToken);
            stream = ssl;
        }

        var prefix = _settings.Password is null
            ? string.Empty
            : _settings.User is null ? $"AUTH {_settings.Password}\r\n" : $"AUTH {AdminUser} {_settings.Password}\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(prefix + inlineCommand + "\r\n"), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        if (prefix.Length > 0) await reader.ReadLineAsync(cancellationToken);
        var lines = new List<string>();
        while (lines.Count < replyLines && await reader.ReadLineAsync(cancellationToken) is { } line) lines.Add(line);
        return string.Join('\n', lines);
    }

    /// <summary>A fresh cluster node owns no slot: it takes all 16384 and waits until the cluster state is ok.</summary>
    private async Task TakeAllSlotsAsync(CancellationToken cancellationToken)
    {
        var added = await SendRawAsync("CLUSTER ADDSLOTSRANGE 0 16383", cancellationToken);
        if (!added.StartsWith("+OK", StringComparison.Ordinal)) throw new InvalidOperationException($"CLUSTER ADDSLOTSRANGE answered {added}");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            // A bulk reply: its length, then the first field, cluster_state.
            if ((await SendRawAsync("CLUSTER INFO", replyLines: 2, cancellationToken)).Contains("cluster_state:ok", StringComparison.Ordinal)) return;
            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"redis-server cluster node on port {Port} did not reach cluster_state:ok within {StartTimeout.TotalSeconds} s:\n{Output()}");
    }

    private async Task StartProcessAsync(bool waitUntilLoaded, CancellationToken cancellationToken)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(NotFoundMessage);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var listen = _settings.Tls
            ? new[] { "--port", "0", "--tls-port", port, "--tls-cert-file", Path.Combine(_directory, "cert.pem"), "--tls-key-file", Path.Combine(_directory, "key.pem"), "--tls-auth-clients", "no" }
            : new[] { "--port", port };
        string[] persistence = _settings.Durable ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
        foreach (var arg in listen.Concat(["--bind", Host, "--save", ""]).Concat(persistence).Concat(["--dir", _directory, "--daemonize", "no"]))
        {
            info.ArgumentList.Add(arg);
        }

        if (_settings.KeyLoadDelayMicroseconds > 0)
        {
            // Replies (LOADING) are served between chunks of this many bytes of the file being loaded.
            foreach (var arg in new[] { "--key-load-delay", _settings.KeyLoadDelayMicroseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--loading-process-events-interval-bytes", "1024" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        if (_settings.ClusterNode)
        {
            // The bus port is given explicitly: by default it is the port + 10000, out of range for a high free port.
            foreach (var arg in new[] { "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, "nodes.conf"), "--cluster-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }
        }

        if (_settings.Password is not null && _settings.User is null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(_settings.Password);
        }

        if (_settings.User is not null)
        {
            // An ACL user with every permission, and the default user switched off so only the ACL user can log in.
            foreach (var arg in new[] { "--user", _settings.User, "on", $">{_settings.Password}", "~*", "&*", "+@all" }) info.ArgumentList.Add(arg);
            // And the tests' own admin user, so a test can switch the server's user off and on again.
            foreach (var arg in new[] { "--user", AdminUser, "on", $">{_settings.Password}", "~*", "&*", "+@all" }) info.ArgumentList.Add(arg);
            foreach (var arg in new[] { "--user", "default", "off" }) info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process, waitUntilLoaded, cancellationToken);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilReadyAsync(Process process, bool waitUntilLoaded, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} on port {Port}:\n{Output()}");
            }

            try
            {
                var reply = await SendRawAsync("PING", cancellationToken);
                if (reply.StartsWith("+PONG", StringComparison.Ordinal)) return;
                if (!waitUntilLoaded && reply.StartsWith("-LOADING", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
            {
                // Not listening (or not speaking TLS) yet: remembered for the timeout message, polled again shortly.
                lastError = ex;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s (last error: {lastError?.Message}):\n{Output()}");
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }

    private static X509Certificate2 CreateCertificate(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static string? FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        TlsCertificate?.Dispose();
        _process?.Dispose();
        _process = null;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException ex)
        {
            // A leftover temp folder is harmless and must not fail the test run; note it with the server output.
            Append($"could not delete {_directory}: {ex.Message}");
        }
    }
}
