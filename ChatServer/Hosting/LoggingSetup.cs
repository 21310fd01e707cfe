using Serilog;

namespace ChatServer.Hosting;

/// <summary>
/// Serilog as the logging provider, configured from the <c>Serilog</c> section, every event carrying the
/// instance id. The logger belongs to this host (no static <c>Log.Logger</c>), so several hosts can share a process.
/// </summary>
public static class LoggingSetup
{
    public static ILoggingBuilder AddChatSerilog(this ILoggingBuilder logging, IConfiguration configuration, string instanceId)
    {
        var settings = new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("InstanceId", instanceId);

        // Without a configured sink (appsettings.json not beside the content root) still log to the console.
        if (!configuration.GetSection("Serilog:WriteTo").Exists())
        {
            settings.WriteTo.Console(outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {Level:u3} [{InstanceId}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }

        var logger = settings.CreateLogger();
        logging.ClearProviders();
        logging.AddSerilog(logger, dispose: true);
        return logging;
    }
}
