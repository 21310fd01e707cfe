using ChatServer.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ChatServer.Hosting;

/// <summary>OpenTelemetry metrics with a Prometheus exporter: the project's meter and ASP.NET Core's, Kestrel's, SignalR's and the runtime's.</summary>
public static class ChatMetricsServiceCollectionExtensions
{
    /// <summary>The service name in <c>target_info</c>; the instance id is its <c>service_instance_id</c>.</summary>
    public const string ServiceName = "chatserver";

    /// <summary>
    /// ASP.NET Core's own meters (what OpenTelemetry.Instrumentation.AspNetCore's metrics part names on .NET 8 and
    /// later): requests, Kestrel's connections, SignalR's connections by transport, routing, errors, authentication.
    /// Each host creates them through its <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.
    /// </summary>
    private static readonly string[] HostMeters =
    [
        ChatMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.MemoryPool",
    ];

    /// <summary>CPU, memory, GC, thread pool: the runtime's own meter since .NET 9 (one per process, no extra package).</summary>
    private const string RuntimeMeter = "System.Runtime";

    public static IServiceCollection AddChatMetrics(this IServiceCollection services, IConfiguration configuration, string instanceId)
    {
        services.AddValidatedOptions<ChatMetricsOptions>(ChatMetricsOptions.SectionName);
        services.AddSingleton<IValidateOptions<ChatMetricsOptions>, ChatMetricsOptionsValidator>();
        services.AddSingleton<ChatMetrics>();
        services.AddSingleton<MetricsAccessPolicy>();

        // Read here, not through IOptions: whether a meter provider exists at all is decided before the container is built.
        if (!configuration.GetValue($"{ChatMetricsOptions.SectionName}:{nameof(ChatMetricsOptions.Enabled)}", true)) return services;

        // Each meter is enabled for this host's own instance of it (MeterScope.Local), not by name, which is what
        // AddMeter and the AspNetCore instrumentation package do: a name takes the same meter of every host in the
        // process, so with several hosts in one process (the in-process tests) each would export every host's series,
        // duplicates Prometheus rejects. The runtime's meter is the process's own (MeterScope.Global).
        services.AddMetrics(metrics =>
        {
            foreach (var meter in HostMeters) metrics.EnableMetrics(meter, scopes: MeterScope.Local);
            metrics.EnableMetrics(RuntimeMeter, scopes: MeterScope.Global);
        });
        services.AddOpenTelemetry()
            // One resource attribute per instance (target_info), instead of a label on every series.
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: instanceId, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddPrometheusExporter(exporter =>
                {
                    exporter.ScrapeEndpointPath = ChatMetricsOptions.Path;

                    // Each scrape collects afresh: only Prometheus on the cluster network reads it, every few seconds, and
                    // a cached answer would show counters a moment old to a test or the load tool comparing before and after.
                    exporter.ScrapeResponseCacheDurationMilliseconds = 0;
                }));
        return services;
    }
}
