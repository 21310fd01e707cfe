using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// A hub connection spoken by hand over a plain WebSocket (JSON protocol, no negotiate), so a test controls exactly
/// when it reads: <see cref="JoinAsync"/> reads up to the join's completion, then nothing is read until
/// <see cref="ReadUntilClosedAsync"/>, as a client that stopped reading would behave.
/// </summary>
internal sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly char[] _chars = new char[64 * 1024];
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

    private RawHubSocket()
    {
    }

    public static async Task<RawHubSocket> ConnectAsync(Uri baseAddress, string accessToken)
    {
        var raw = new RawHubSocket();
        var uri = new UriBuilder(new Uri(baseAddress, $"/hubs/chat?access_token={Uri.EscapeDataString(accessToken)}")) { Scheme = "ws" }.Uri;
        await raw._socket.ConnectAsync(uri, CancellationToken.None);
        await raw.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await raw.ReadRecordAsync();
        Assert.Equal("{}", handshake);
        return raw;
    }

    /// <summary>Invokes <c>JoinRoom(room, null)</c> and reads until its completion arrives.</summary>
    public async Task JoinAsync(string room)
    {
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = "join", target = "JoinRoom", arguments = new object?[] { room, null } }));
        while (true)
        {
            using var record = JsonDocument.Parse(await ReadRecordAsync());
            if (record.RootElement.GetProperty("type").GetInt32() == 3)
            {
                Assert.False(record.RootElement.TryGetProperty("error", out var error), $"JoinRoom failed: {error}");
                return;
            }
        }
    }

    /// <summary>A keep-alive ping: writing needs no reading, so a stuck reader can still say it is alive.</summary>
    public Task PingAsync() => SendAsync("""{"type":6}""");

    /// <summary>Reads everything until the server closes the socket: the message ids of <paramref name="room"/>, and the close message's error.</summary>
    public async Task<(List<string> MessageIds, string? CloseError, bool AllowReconnect)> ReadUntilClosedAsync(string room)
    {
        var ids = new List<string>();
        while (await TryReadRecordAsync() is { } text)
        {
            using var record = JsonDocument.Parse(text);
            var root = record.RootElement;
            switch (root.GetProperty("type").GetInt32())
            {
                case 1 when root.GetProperty("target").GetString() == "MessageReceived":
                    var message = root.GetProperty("arguments")[0];
                    if (message.GetProperty("room").GetString() == room) ids.Add(message.GetProperty("id").GetString()!);
                    break;
                case 7:
                    return (ids, root.TryGetProperty("error", out var error) ? error.GetString() : null,
                        root.TryGetProperty("allowReconnect", out var allow) && allow.GetBoolean());
            }
        }

        return (ids, null, false);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private async Task<string> ReadRecordAsync() =>
        await TryReadRecordAsync() ?? throw new InvalidOperationException("The server closed the socket.");

    private async Task<string?> TryReadRecordAsync()
    {
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }

            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(_buffer, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Closed without a close frame (aborted): nothing more to read.
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close) return null;
            // A character may be split across two reads: the decoder keeps its first bytes for the next.
            _pending.Append(_chars, 0, _utf8.GetChars(_buffer, 0, result.Count, _chars, 0));
        }
    }
}
