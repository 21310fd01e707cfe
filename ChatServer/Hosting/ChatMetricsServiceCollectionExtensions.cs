using ChatServer.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ChatServer.Hosting;

/// <summary>OpenTelemetry metrics with a Prometheus exporter: the project's meter and ASP.NET Core's, Kestrel's, SignalR's and the runtime's.</summary>
public static class ChatMetricsServiceCollectionExtensions
{
    /// <summary>The service name in <c>target_info</c>; the instance id is its <c>service_instance_id</c>.</summary>
    public const string ServiceName = "chatserver";

    /// <summary>Meters that ship with the framework, beyond what the ASP.NET Core instrumentation enables.</summary>
    private static readonly string[] BuiltInMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        // CPU, memory, GC, thread pool: the runtime's own meter since .NET 9, no extra package.
        "System.Runtime",
    ];

    public static IServiceCollection AddChatMetrics(this IServiceCollection services, IConfiguration configuration, string instanceId)
    {
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.SectionName);
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<ChatMetrics>();
        services.AddSingleton<MetricsAccessPolicy>();

        // Read here, not through IOptions: whether a meter provider exists at all is decided before the container is built.
        if (!configuration.GetValue($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Enabled)}", true)) return services;

        services.AddOpenTelemetry()
            // One resource attribute per instance (target_info), instead of a label on every series.
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: instanceId, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(ChatMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddMeter(BuiltInMeters)
                .AddPrometheusExporter(exporter =>
                {
                    exporter.ScrapeEndpointPath = MetricsOptions.Path;

                    // Each scrape collects afresh: only Prometheus on the cluster network reads it, every few seconds, and
                    // a cached answer would show counters a moment old to a test or the load tool comparing before and after.
                    exporter.ScrapeResponseCacheDurationMilliseconds = 0;
                }));
        return services;
    }
}
