using System.Globalization;
using System.Net;

namespace ChatServer.Jobs.Export;

/// <summary>
/// A standalone HTML page: the room's name, then an ordered list with one item per message. Every piece of text is
/// HTML-encoded, so a message is shown as written and never runs as markup.
/// </summary>
public sealed class HtmlExportWriter(Stream destination, string room) : TextExportWriter(destination)
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var title = WebUtility.HtmlEncode(room);
        return WriteTextAsync(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<ol class=\"messages\">\n",
            cancellationToken);
    }

    private static string Body(ChatMessage message) => message.IsDeleted
        ? "<span class=\"deleted\">(deleted)</span>"
        : $"<span class=\"text\">{WebUtility.HtmlEncode(message.Text)}</span>{(message.EditedAt is null ? "" : " <span class=\"edited\">(edited)</span>")}";

    public override Task WriteAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        var sentAt = message.SentAt.ToString("O", CultureInfo.InvariantCulture);
        return WriteTextAsync(
            $"<li id=\"m-{WebUtility.HtmlEncode(message.Id)}\"><time datetime=\"{sentAt}\">{sentAt}</time> <b class=\"user\">{WebUtility.HtmlEncode(message.User)}</b> {Body(message)}</li>\n",
            cancellationToken);
    }

    protected override Task WriteEndAsync(CancellationToken cancellationToken) => WriteTextAsync("</ol>\n</body>\n</html>\n", cancellationToken);
}
