using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChatServer.Tests.Browser;

/// <summary>
/// A real nginx in front of one app instance, on a free 127.0.0.1 port, configured the way a deployment proxies
/// the hub (WebSocket upgrade, no buffering for SSE and long polling). Shows that the page and the clients need
/// nothing but same-origin relative URLs. Stopped and its temporary folder removed on dispose.
/// </summary>
internal sealed class NginxFrontProxy : IAsyncDisposable
{
    private const string NginxPath = "/usr/sbin/nginx";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly DirectoryInfo directory;

    private NginxFrontProxy(Process process, DirectoryInfo directory, Uri baseAddress)
    {
        this.process = process;
        this.directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxFrontProxy> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException("nginx not found: apt-get install -y nginx");
        }

        var directory = Directory.CreateTempSubdirectory("chat-nginx-");
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "nginx.conf"), Config(port, upstream), cancellationToken);
        var startInfo = new ProcessStartInfo(NginxPath)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "-p", directory.FullName + "/", "-c", "nginx.conf", "-g", "daemon off;" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("nginx did not start");
        var proxy = new NginxFrontProxy(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        try
        {
            await proxy.WaitUntilServingAsync(cancellationToken);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.Dispose();
        directory.Delete(recursive: true);
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                var error = await process.StandardError.ReadToEndAsync(cancellationToken);
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {error}");
            }
            try
            {
                using var response = await http.GetAsync("health/live", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet: poll again below.
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"nginx did not serve {BaseAddress}health/live within {StartTimeout.TotalSeconds} s");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Config(int port, Uri upstream) => $$"""
        worker_processes 1;
        pid nginx.pid;
        error_log stderr warn;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path body;
            proxy_temp_path proxy;
            fastcgi_temp_path fastcgi;
            uwsgi_temp_path uwsgi;
            scgi_temp_path scgi;
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            server {
                listen 127.0.0.1:{{port}};
                location / {
                    proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_set_header Host $host;
                    proxy_buffering off;
                    proxy_read_timeout 120s;
                }
            }
        }
        """;
}
