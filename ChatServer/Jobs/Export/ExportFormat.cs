namespace ChatServer.Jobs.Export;

/// <summary>The formats a room export is written in, with the file each becomes.</summary>
public enum ExportFormat
{
    Json,
    Csv,
    Html,
}
