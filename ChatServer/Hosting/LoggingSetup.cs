using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ChatServer.Hosting;

/// <summary>
/// Serilog (Serilog.AspNetCore) as the logging provider: levels, overrides and any extra sinks from the <c>Serilog</c>
/// section, a console sink in the format <see cref="LoggingOptions"/> chooses, every event carrying the instance id,
/// and one line per HTTP request. The logger belongs to this host (no static <c>Log.Logger</c>), so several hosts
/// can share a process.
/// </summary>
public static class LoggingSetup
{
    private const string TextTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {Level:u3} [{InstanceId}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static IServiceCollection AddChatSerilog(this IServiceCollection services, IConfiguration configuration, string instanceId)
    {
        // Read here, not through IOptions: the logger exists before the container does.
        var options = configuration.GetSection(LoggingOptions.SectionName).Get<LoggingOptions>() ?? new LoggingOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(LoggingOptions.SectionName, typeof(LoggingOptions), [.. errors.Select(error => error.ErrorMessage ?? "invalid")]);
        }

        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("InstanceId", instanceId)
            .WriteTo.Async(sink =>
            {
                if (options.IsJson) sink.Console(new RenderedCompactJsonFormatter());
                else sink.Console(outputTemplate: TextTemplate);
            })
            .CreateLogger();

        // Serilog as a provider under Microsoft's LoggerFactory, not as the factory itself (AddSerilog on the
        // services): that factory makes a new Serilog logger, with its own event-id cache, for every CreateLogger
        // call, and SignalR and Kestrel call it for every connection, which kept about 1.5 loggers alive per idle
        // connection. Microsoft's factory makes one per category. Serilog's own levels decide what is written.
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddSerilog(logger, dispose: true));
        services.AddSingleton<Serilog.ILogger>(logger);
        services.AddSingleton(new Serilog.Extensions.Hosting.DiagnosticContext(logger));
        services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<Serilog.Extensions.Hosting.DiagnosticContext>());
        return services;
    }

    /// <summary>
    /// One line per request, with the user and the connection: Information for the API and the hub (Error for a server
    /// error), Debug for health probes and static files, so they do not drown the rest.
    /// </summary>
    public static IApplicationBuilder UseChatRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger: the default would be the static one, which no host here sets.
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms";

            // A 503 from /health/ready is the probe doing its job during an outage, not an error to log per probe; any
            // other 503 is the instance saying on purpose that it cannot serve now (draining for a restart, Redis away,
            // with Retry-After), which is logged once where it begins, not as an error per request.
            options.GetLevel = (http, _, exception) =>
                exception is not null ? LogEventLevel.Error
                : IsQuiet(http.Request.Path) ? LogEventLevel.Debug
                : http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Information
                : http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("UserName", http.User.Identity?.Name);
                diagnostics.Set("ConnectionId", http.Connection.Id);
            };
        });

    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments("/health") || !(path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"));
}
