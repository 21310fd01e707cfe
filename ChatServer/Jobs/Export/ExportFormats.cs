using ChatServer.Chat;

namespace ChatServer.Jobs.Export;

/// <summary>Parses the requested format and names the file it becomes.</summary>
public static class ExportFormats
{
    public const string Allowed = "json, csv or html";

    public static ExportFormat Parse(string? format) => format switch
    {
        "json" => ExportFormat.Json,
        "csv" => ExportFormat.Csv,
        "html" => ExportFormat.Html,
        _ => throw ChatException.Invalid($"format must be {Allowed}"),
    };

    public static string Name(ExportFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Json => "application/json",
        ExportFormat.Csv => "text/csv; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    /// <summary>A file name safe on every system: the room's name with ':' (direct rooms) replaced.</summary>
    public static string FileName(string room, ExportFormat format) => $"{room.Replace(':', '_')}.{Name(format)}";

    public static ExportWriter CreateWriter(ExportFormat format, Stream destination, string room) => format switch
    {
        ExportFormat.Json => new JsonExportWriter(destination, room),
        ExportFormat.Csv => new CsvExportWriter(destination),
        _ => new HtmlExportWriter(destination, room),
    };
}
