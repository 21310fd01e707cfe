using System.ComponentModel.DataAnnotations;

namespace ChatServer.Hosting;

/// <summary>How the console log is written (section <c>Chat:Logging</c>); levels and extra sinks are in <c>Serilog</c>.</summary>
public sealed class LoggingOptions
{
    public const string SectionName = "Chat:Logging";

    /// <summary><c>text</c>: one readable line per event; <c>json</c>: compact JSON per line, for log shippers.</summary>
    [RegularExpression(@"^(text|json)\z", ErrorMessage = "Chat:Logging:Format must be 'text' or 'json'")]
    public string Format { get; set; } = "text";

    public bool IsJson => Format == "json";
}
