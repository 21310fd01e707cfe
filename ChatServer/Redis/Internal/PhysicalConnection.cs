using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using ChatServer.Redis.Protocol;
using Microsoft.Extensions.Logging;

namespace ChatServer.Redis;

/// <summary>
/// One socket (optionally TLS) with a pipe on each side, opened and handshaken: AUTH, SELECT, CLIENT SETNAME and a
/// PING that proves the server accepts commands. Everything that can fail while connecting fails here, within the
/// connect timeout, as a <see cref="RedisConnectionException"/> that says why.
/// </summary>
internal sealed class PhysicalConnection : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly ILogger _logger;
    private readonly RedisConnectionRole _role;
    private readonly string _endpoint;

    private PhysicalConnection(Socket socket, Stream stream, ILogger logger, RedisConnectionRole role, string endpoint)
    {
        _socket = socket;
        _stream = stream;
        _logger = logger;
        _role = role;
        _endpoint = endpoint;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: 4096, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static async Task<PhysicalConnection> ConnectAsync(RedisOptions options, RedisConnectionRole role, ILogger logger, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint;
        RedisLog.Connecting(logger, role, endpoint);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        PhysicalConnection? connection = null;
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = options.SslHost ?? options.Host,
                        RemoteCertificateValidationCallback = options.CertificateValidation,
                    },
                    timeout.Token);
            }

            connection = new PhysicalConnection(socket, stream, logger, role, endpoint);
            await connection.HandshakeAsync(options, timeout.Token);
            return connection;
        }
        catch (Exception ex) when (ex is not RedisConnectionException)
        {
            await DisposeAfterFailureAsync(connection, socket);
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw RedisErrors.ConnectTimeout(endpoint, options.ConnectTimeout);
            }

            if (ex is SocketException or IOException or AuthenticationException) throw RedisErrors.UnableToConnect(endpoint, ex);
            throw;
        }
        catch (RedisConnectionException)
        {
            await DisposeAfterFailureAsync(connection, socket);
            throw;
        }
    }

    private static async ValueTask DisposeAfterFailureAsync(PhysicalConnection? connection, Socket socket)
    {
        if (connection is not null) await connection.DisposeAsync();
        else socket.Dispose();
    }

    private async Task HandshakeAsync(RedisOptions options, CancellationToken cancellationToken)
    {
        var steps = new List<(string Step, RedisValue[] Parts)>();
        if (options.Password is not null)
        {
            steps.Add(("AUTH", options.User is null ? ["AUTH", options.Password] : ["AUTH", options.User, options.Password]));
        }

        if (_role == RedisConnectionRole.Interactive && options.DefaultDatabase != 0) steps.Add(("SELECT", ["SELECT", options.DefaultDatabase]));
        if (options.ClientName is not null) steps.Add(("CLIENT SETNAME", ["CLIENT", "SETNAME", options.ClientName]));
        steps.Add(("PING", ["PING"]));

        foreach (var (_, parts) in steps) RespWriter.WriteCommand(Output, parts);
        var flush = await Output.FlushAsync(cancellationToken);
        if (flush.IsCompleted) throw RedisErrors.ServerClosed(_endpoint);

        foreach (var (step, _) in steps)
        {
            var reply = await ReadReplyAsync(cancellationToken);
            if (!reply.IsError) continue;
            var message = reply.ErrorMessage!;
            if (message.StartsWith("LOADING", StringComparison.Ordinal)) throw RedisErrors.Loading(_endpoint, message);
            var authProblem = step == "AUTH" || message.StartsWith("NOAUTH", StringComparison.Ordinal) || message.StartsWith("WRONGPASS", StringComparison.Ordinal);
            throw authProblem
                ? RedisErrors.AuthenticationFailed(_endpoint, options.User, message)
                : RedisErrors.HandshakeFailed(_endpoint, step, message);
        }
    }

    private async Task<RedisResult> ReadReplyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await Input.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (RespReader.TryRead(buffer, out var reply, out var consumed))
            {
                Input.AdvanceTo(consumed);
                return reply;
            }

            Input.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted) throw RedisErrors.ServerClosed(_endpoint);
        }
    }

    /// <summary>Closes the socket first, so nothing blocks on a peer that stopped reading, then releases the pipes.</summary>
    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        try
        {
            await Input.CompleteAsync();
            await Output.CompleteAsync();
            await _stream.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The socket is already closed on purpose: failing to flush leftovers into it is expected and harmless.
            RedisLog.TeardownError(_logger, _role, _endpoint, ex);
        }
    }
}
