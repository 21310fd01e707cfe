using System.Text.Json;

namespace ChatServer.Jobs.Export;

/// <summary>
/// <c>{"room": "…", "messages": [ChatMessage, …]}</c> with the messages in the camelCase shape of the API, written
/// with <see cref="Utf8JsonWriter"/> and flushed asynchronously every 64 KB.
/// </summary>
public sealed class JsonExportWriter(Stream destination, string room) : ExportWriter
{
    private const int FlushThresholdBytes = 64 * 1024;
    private readonly Utf8JsonWriter _json = new(destination);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        _json.WriteString("room", room);
        _json.WriteStartArray("messages");
        await _json.FlushAsync(cancellationToken);
    }

    public override async Task WriteAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        // Field by field: JsonSerializer.Serialize would flush the writer synchronously after each message.
        _json.WriteStartObject();
        _json.WriteString("id", message.Id);
        _json.WriteString("room", message.Room);
        _json.WriteString("user", message.User);
        _json.WriteString("text", message.Text);
        _json.WriteString("sentAt", message.SentAt);
        if (message.ClientMessageId is { } clientMessageId) _json.WriteString("clientMessageId", clientMessageId);
        else _json.WriteNull("clientMessageId");
        // Edited and deleted messages are exported as they are now; a deleted one keeps its place, without text.
        if (message.EditedAt is { } editedAt) _json.WriteString("editedAt", editedAt);
        if (message.IsDeleted) _json.WriteBoolean("deleted", true);
        _json.WriteEndObject();
        if (_json.BytesPending >= FlushThresholdBytes)
        {
            await _json.FlushAsync(cancellationToken);
        }
    }

    public override async Task EndAsync(CancellationToken cancellationToken)
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken);
    }

    protected override ValueTask DisposeCoreAsync() => _json.DisposeAsync();
}
