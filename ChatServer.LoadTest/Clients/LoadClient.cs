using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using ChatServer.Client;
using ChatServer.LoadTest.Accounting;
using ChatServer.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.LoadTest.Clients;

/// <summary>
/// One simulated user connection: a <see cref="ChatClient"/> (the official SignalR client underneath) over a direct
/// WebSocket that joins one room, sends when the pacer says so and reports every <c>MessageReceived</c> to
/// <see cref="RunMetrics"/>. After an automatic reconnect the client resumes its room from the last id it saw, so
/// what it missed is delivered (late) rather than lost.
/// </summary>
internal sealed class LoadClient : ILoadClient
{
    private readonly ChatClient _hub;
    private readonly RunMetrics _metrics;
    private readonly int _messageSize;
    private long _sequence;
    private volatile bool _stopping;

    public LoadClient(
        int index,
        string room,
        Uri baseUri,
        UserSession session,
        Func<Uri, CancellationToken, Task<WebSocket>>? connectWebSocket,
        ChatProtocol protocol,
        int messageSize,
        RunMetrics metrics)
    {
        Index = index;
        Room = room;
        Receiver = new ReceiverLog(room);
        _metrics = metrics;
        _messageSize = messageSize;
        var connect = connectWebSocket ?? HubSocketAddress.ConnectAsync;
        _hub = new ChatClient(new ChatClientOptions
        {
            ServerUri = baseUri,
            Protocol = protocol,
            Transports = HttpTransportType.WebSockets,
            SkipNegotiation = true,
            ConfigureHttpConnection = http => http.WebSocketFactory = async (context, cancellationToken) =>
                await connect(HubSocketAddress.WithAccessToken(context.Uri, await session.GetAccessTokenAsync(cancellationToken)), cancellationToken),
        });

        // Thousands of handshakes at once on a small box can take longer than the 15 s default.
        _hub.Connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        _hub.Connection.ServerTimeout = TimeSpan.FromSeconds(60);
        _hub.MessageReceived += OnMessage;
        _hub.Reconnected += _metrics.Reconnected;
        _hub.ResumeFailed += (_, error) => _metrics.ConnectErrors.Record("rejoin: " + ErrorKind(error));
        _hub.Closed += OnClosed;
    }

    public int Index { get; }

    public string Room { get; }

    public ReceiverLog Receiver { get; }

    public string? InstanceId { get; private set; }

    public bool IsConnected => _hub.State == HubConnectionState.Connected;

    /// <summary>Connects, joins the room and asks which instance holds the connection.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await _hub.StartAsync(cancellationToken);
        _metrics.ConnectSucceeded(Stopwatch.GetElapsedTime(started));
        await _hub.JoinRoomAsync(Room, cancellationToken: cancellationToken);
        InstanceId = (await _hub.GetServerInfoAsync(cancellationToken)).InstanceId;
    }

    /// <summary>Sends one message and records its ack; a failure is counted by kind, never thrown.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var sentAt = Stopwatch.GetTimestamp();
        _metrics.MessageSent();
        try
        {
            var message = await _hub.SendMessageAsync(
                Room,
                MessageText.Create(sentAt, _messageSize),
                string.Create(CultureInfo.InvariantCulture, $"{Index}-{sequence}"),
                cancellationToken);
            if (MessageKey.TryParse(message.Id, out var key))
            {
                _metrics.Ledger.RecordAck(message.Room, key);
                _metrics.Acked(Stopwatch.GetTimestamp());
            }
            else
            {
                _metrics.SendErrors.Record("badMessageId");
            }
        }
        catch (Exception ex)
        {
            // The run's boundary for one send: every failure is counted by kind in the report.
            _metrics.SendErrors.Record(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _hub.DisposeAsync();
    }

    private void OnMessage(ChatMessage message)
    {
        var now = Stopwatch.GetTimestamp();
        if (MessageKey.TryParse(message.Id, out var key))
        {
            _metrics.Received(Receiver, key, message.Text, now);
        }
        else
        {
            _metrics.SendErrors.Record("badDeliveredId");
        }
    }

    private void OnClosed(Exception? error)
    {
        if (!_stopping)
        {
            _metrics.Disconnected();
        }
    }

    private static string ErrorKind(Exception ex) => Metrics.ErrorCounter.Classify(ex);
}
