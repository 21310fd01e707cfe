using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatServer.Redis;
using ChatServer.Redis.Protocol;

namespace ChatServer.Tests.Redis;

/// <summary>
/// A scripted RESP peer on 127.0.0.1 for what a real server never does: send malformed frames or stay silent.
/// <paramref name="reply"/> maps each received command (name and arguments, as text) to raw reply bytes, or to
/// null for no reply at all.
/// </summary>
internal sealed class FakeRedisServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string[], string?> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accept;
    private int _accepted;

    public FakeRedisServer(Func<string[], string?> reply)
    {
        _reply = reply;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int AcceptedConnections => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_connections) _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await socket.ReceiveAsync(buffer, _stop.Token);
                if (read == 0) return;
                pending.AddRange(buffer.AsSpan(0, read));
                while (true)
                {
                    var sequence = new ReadOnlySequence<byte>(pending.ToArray());
                    if (!RespReader.TryRead(sequence, out var command, out var consumed)) break;
                    pending.RemoveRange(0, (int)sequence.Slice(0, consumed).Length);
                    var reply = _reply(command.ToStringArray().Select(s => s ?? string.Empty).ToArray());
                    if (reply is not null) await socket.SendAsync(Encoding.UTF8.GetBytes(reply), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or RedisProtocolException)
        {
            // The client went away or the test is over: this connection is done.
            return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        Task[] connections;
        lock (_connections) connections = [.. _connections];
        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
