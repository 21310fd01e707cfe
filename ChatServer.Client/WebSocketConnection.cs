using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace ChatServer.Client;

/// <summary>
/// A <see cref="ConnectionContext"/> over one WebSocket: two pipes, one pump per direction. HubConnection reads
/// <see cref="Transport"/>.Input (frames from the server) and writes <see cref="Transport"/>.Output.
/// </summary>
internal sealed class WebSocketConnection : ConnectionContext
{
    private readonly WebSocket _socket;
    private readonly Pipe _fromServer = new();
    private readonly Pipe _toServer = new();
    private readonly CancellationTokenSource _closed = new();
    private Task _pumps = Task.CompletedTask;

    private WebSocketConnection(WebSocket socket)
    {
        _socket = socket;
        Transport = new DuplexPipe(_fromServer.Reader, _toServer.Writer);
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed
    {
        get => _closed.Token;
        set => throw new NotSupportedException();
    }

    public static WebSocketConnection Start(WebSocket socket)
    {
        var connection = new WebSocketConnection(socket);
        connection._pumps = Task.WhenAll(connection.ReceiveAsync(), connection.SendAsync());
        return connection;
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _socket.Abort();
        _closed.Cancel();
    }

    public override async ValueTask DisposeAsync()
    {
        // Completing our side of the outgoing pipe makes the send pump close the socket gracefully.
        await _toServer.Writer.CompleteAsync();
        await _fromServer.Reader.CompleteAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _pumps.WaitAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket.Abort();
        _socket.Dispose();
        _closed.Cancel();
        await base.DisposeAsync();
    }

    private async Task ReceiveAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = _fromServer.Writer.GetMemory(4096);
                var result = await _socket.ReceiveAsync(memory, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _fromServer.Writer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    var flush = await _fromServer.Writer.FlushAsync();
                    if (flush.IsCompleted)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Surfaces to HubConnection as the reason the connection closed.
            error = ex;
        }
        finally
        {
            await _fromServer.Writer.CompleteAsync(error);
            _closed.Cancel();
        }
    }

    private async Task SendAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await _toServer.Reader.ReadAsync();
                var buffer = result.Buffer;
                try
                {
                    if (!buffer.IsEmpty)
                    {
                        await SendBufferAsync(buffer);
                    }

                    if (result.IsCompleted || result.IsCanceled)
                    {
                        break;
                    }
                }
                finally
                {
                    _toServer.Reader.AdvanceTo(buffer.End);
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            error = ex;
            _socket.Abort();
        }
        finally
        {
            await _toServer.Reader.CompleteAsync(error);
        }
    }

    private async ValueTask SendBufferAsync(ReadOnlySequence<byte> buffer)
    {
        // One pipe read becomes one text message; the JSON hub protocol delimits messages itself.
        var position = buffer.Start;
        buffer.TryGet(ref position, out var segment);
        while (buffer.TryGet(ref position, out var next))
        {
            await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
            segment = next;
        }

        await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
