using System.Globalization;

namespace ChatServer.Jobs.Export;

/// <summary>
/// RFC 4180 CSV: a header row, then <c>id,sentAt,user,text</c> per message; a field with a comma, quote or line break
/// is quoted, quotes doubled. Lines end in CRLF, as the RFC says. A deleted message keeps its row with empty text.
/// </summary>
public sealed class CsvExportWriter(Stream destination) : TextExportWriter(destination)
{
    public override Task StartAsync(CancellationToken cancellationToken) => WriteTextAsync("id,sentAt,user,text\r\n", cancellationToken);

    public override Task WriteAsync(ChatMessage message, CancellationToken cancellationToken) =>
        WriteTextAsync(
            string.Join(',', Field(message.Id), Field(message.SentAt.ToString("O", CultureInfo.InvariantCulture)), Field(message.User), Field(message.Text ?? string.Empty)) + "\r\n",
            cancellationToken);

    protected override Task WriteEndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
