using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ChatServer.Client;
using ChatServer.LoadTest.Accounting;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.LoadTest.Clients;

/// <summary>
/// A lean SignalR client for the load tool only (<c>--client raw</c>): one WebSocket, the JSON hub protocol
/// written and read by hand. Records end with 0x1E. Handshake <c>{"protocol":"json","version":1}</c> → <c>{}</c>;
/// invocation <c>{"type":1,"invocationId":"7","target":"SendMessage","arguments":[room,text,id]}</c>;
/// completion <c>{"type":3,"invocationId":"7","result":…}</c> or <c>"error":"…"</c>; ping <c>{"type":6}</c>;
/// close <c>{"type":7}</c>. <c>MessageReceived</c> is scanned with <see cref="Utf8JsonReader"/> for id, room and
/// text only, skipping what the accounting does not need. No automatic reconnect: a drop is counted.
/// </summary>
internal sealed class RawLoadClient : ILoadClient
{
    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly Uri _hubUri;
    private readonly UserSession _session;
    private readonly Func<Uri, CancellationToken, Task<WebSocket>> _connect;
    private readonly RunMetrics _metrics;
    private readonly int _messageSize;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private WebSocket? _socket;
    private Task _loops = Task.CompletedTask;
    private TaskCompletionSource? _handshake;
    private long _invocationId;
    private long _sequence;
    private volatile bool _open;

    public RawLoadClient(int index, string room, Uri baseUri, UserSession session, Func<Uri, CancellationToken, Task<WebSocket>>? connectWebSocket, int messageSize, RunMetrics metrics)
    {
        Index = index;
        Room = room;
        Receiver = new ReceiverLog(room);
        _metrics = metrics;
        _messageSize = messageSize;
        _connect = connectWebSocket ?? HubSocketAddress.ConnectAsync;
        _hubUri = new Uri(baseUri, ChatClient.HubPath);
        _session = session;
    }

    public int Index { get; }

    public string Room { get; }

    public ReceiverLog Receiver { get; }

    public string? InstanceId { get; private set; }

    public bool IsConnected => _open;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // No reconnect: a raw client's connection ends with its token (the hub closes it at expiry), counted as a drop.
        _socket = await _connect(HubSocketAddress.WithAccessToken(_hubUri, await _session.GetAccessTokenAsync(cancellationToken)), cancellationToken);
        _handshake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _open = true;
        _loops = Task.WhenAll(ReceiveLoopAsync(), PingLoopAsync());
        await SendRecordAsync("{\"protocol\":\"json\",\"version\":1}"u8.ToArray(), cancellationToken);
        await _handshake.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        _metrics.ConnectSucceeded(Stopwatch.GetElapsedTime(started));
        await InvokeAsync("JoinRoom", w => { w.WriteStringValue(Room); w.WriteNullValue(); }, cancellationToken);
        var info = await InvokeAsync("GetServerInfo", _ => { }, cancellationToken);
        InstanceId = info.GetProperty("instanceId").GetString();
    }

    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var sentAt = Stopwatch.GetTimestamp();
        _metrics.MessageSent();
        try
        {
            var text = MessageText.Create(sentAt, _messageSize);
            var clientMessageId = string.Create(CultureInfo.InvariantCulture, $"{Index}-{sequence}");
            var message = await InvokeAsync("SendMessage", w => { w.WriteStringValue(Room); w.WriteStringValue(text); w.WriteStringValue(clientMessageId); }, cancellationToken);
            if (MessageKey.TryParse(message.GetProperty("id").GetString(), out var key))
            {
                _metrics.Ledger.RecordAck(message.GetProperty("room").GetString() ?? Room, key);
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
        var wasOpen = _open;
        _open = false;
        await _stop.CancelAsync();
        if (_socket is { } socket)
        {
            if (wasOpen && socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            socket.Abort();
            await _loops.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            socket.Dispose();
        }

        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task<JsonElement> InvokeAsync(string target, Action<Utf8JsonWriter> writeArguments, CancellationToken cancellationToken)
    {
        if (!_open)
        {
            throw new InvalidOperationException("The connection is not open.");
        }

        var id = Interlocked.Increment(ref _invocationId);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type", 1);
            writer.WriteString("invocationId", id.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("target", target);
            writer.WriteStartArray("arguments");
            writeArguments(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        try
        {
            await SendRecordAsync(buffer.WrittenMemory, cancellationToken);
            return await completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task SendRecordAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var record = new byte[json.Length + 1];
        json.CopyTo(record);
        record[^1] = RecordSeparator;
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket!.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SendRecordAsync("{\"type\":6}"u8.ToArray(), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Stopping, or the socket is gone: the receive loop counts the drop.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await _socket!.ReceiveAsync(buffer.GetMemory(8 * 1024), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    DispatchRecords(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or JsonException or KeyNotFoundException)
        {
            // Reported through the pending invocations and the disconnect count below.
            error = ex;
        }
        finally
        {
            var dropped = _open;
            _open = false;
            if (dropped)
            {
                _metrics.Disconnected();
            }

            var reason = error ?? new WebSocketException("The server closed the connection.");
            _handshake?.TrySetException(reason);
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(reason);
            }
        }
    }

    private void DispatchRecords(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf(RecordSeparator);
            if (end < 0)
            {
                throw new JsonException("A hub protocol record was not terminated.");
            }

            Dispatch(data[..end]);
            data = data[(end + 1)..];
        }
    }

    private void Dispatch(ReadOnlySpan<byte> record)
    {
        if (_handshake is { Task.IsCompleted: false } handshake)
        {
            using var response = JsonDocument.Parse(record.ToArray());
            if (response.RootElement.TryGetProperty("error", out var handshakeError))
            {
                handshake.TrySetException(new HubException(handshakeError.GetString()));
            }
            else
            {
                handshake.TrySetResult();
            }

            return;
        }

        var reader = new Utf8JsonReader(record);
        reader.Read();
        var type = 0;
        string? invocationId = null;
        var isMessageReceived = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isMessageReceived = reader.ValueTextEquals("MessageReceived"u8);
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                invocationId = reader.GetString();
            }
            else if (reader.ValueTextEquals("arguments"u8) && type == 1 && isMessageReceived)
            {
                ReadDelivery(ref reader);
                return;
            }
            else if ((reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8)) && type == 3)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                var value = JsonElement.ParseValue(ref reader);
                Complete(invocationId, value, isError);
                return;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type == 3)
        {
            // A completion without a result: a void method such as JoinRoom's caller does not need one.
            Complete(invocationId, default, isError: false);
        }
        else if (type == 7)
        {
            _open = false;
        }
    }

    private void ReadDelivery(ref Utf8JsonReader reader)
    {
        var now = Stopwatch.GetTimestamp();
        reader.Read(); // [
        reader.Read(); // {
        string? id = null;
        string? text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (MessageKey.TryParse(id, out var key))
        {
            _metrics.Received(Receiver, key, text, now);
        }
        else
        {
            _metrics.SendErrors.Record("badDeliveredId");
        }
    }

    private void Complete(string? invocationId, JsonElement value, bool isError)
    {
        if (!long.TryParse(invocationId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !_pending.TryGetValue(id, out var completion))
        {
            return;
        }

        if (isError)
        {
            completion.TrySetException(new HubException(value.GetString()));
        }
        else
        {
            completion.TrySetResult(value);
        }
    }
}
