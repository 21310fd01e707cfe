using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace ChatServer.LoadTest.Clients;

/// <summary>
/// Opens WebSockets whose TCP sockets are bound to a chosen loopback source address (127.0.0.1 … 127.0.0.N), so
/// tens of thousands of connections to one server port are not capped by one address's ephemeral port range.
/// ClientWebSocket cannot bind a source address itself; it can use an <see cref="HttpMessageInvoker"/> whose
/// <see cref="SocketsHttpHandler.ConnectCallback"/> opens the socket.
/// </summary>
internal sealed class SourceAddressConnector : IDisposable
{
    // Linux IP_BIND_ADDRESS_NO_PORT: choose the local port at connect() by the full 4-tuple, not at bind().
    private const int IpBindAddressNoPort = 24;

    private readonly HttpMessageInvoker[] _invokers;

    public SourceAddressConnector(int sourceAddresses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceAddresses, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sourceAddresses, 254);
        _invokers = new HttpMessageInvoker[sourceAddresses];
        for (var i = 0; i < sourceAddresses; i++)
        {
            var local = new IPAddress([127, 0, 0, (byte)(i + 1)]);
            // No cookie jar: one handler serves thousands of simulated clients, and a shared jar would hand the first
            // reply's instance-affinity cookie (chat_instance) to every later client, pinning them all behind nginx.
            _invokers[i] = new HttpMessageInvoker(new SocketsHttpHandler
            {
                UseCookies = false,
                ConnectCallback = (context, ct) => ConnectFromAsync(local, context.DnsEndPoint, ct),
            });
        }
    }

    /// <summary>The <c>connectWebSocket</c> delegate for client number <paramref name="clientIndex"/>.</summary>
    public Func<Uri, CancellationToken, Task<WebSocket>> For(int clientIndex)
    {
        var invoker = _invokers[clientIndex % _invokers.Length];
        return (uri, ct) => ConnectAsync(uri, invoker, ct);
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }

    private static async Task<WebSocket> ConnectAsync(Uri uri, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, invoker, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress local, DnsEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption((int)SocketOptionLevel.IP, IpBindAddressNoPort, BitConverter.GetBytes(1));
            }

            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(remote, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
