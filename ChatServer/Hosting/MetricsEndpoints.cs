using ChatServer.Metrics;
using Microsoft.Extensions.Options;

namespace ChatServer.Hosting;

/// <summary><c>GET /metrics</c>: the Prometheus text format, for loopback and the cluster network only (<see cref="MetricsAccessPolicy"/>).</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapChatMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<ChatMetricsOptions>>().Value.Enabled) return endpoints;

        // Created now, not with the first connection: its gauges and counters are on /metrics, at zero, from the start.
        endpoints.ServiceProvider.GetRequiredService<ChatMetrics>();
        var policy = endpoints.ServiceProvider.GetRequiredService<MetricsAccessPolicy>();
        endpoints.MapPrometheusScrapingEndpoint(
                ChatMetricsOptions.Path,
                meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(next => context =>
                {
                    if (policy.Allows(context.Connection.RemoteIpAddress, context.Request.Headers)) return next(context);

                    // The answer of a path that does not exist: nothing tells the public side there is anything here.
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }),
                optionsName: null)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous();
        return endpoints;
    }
}
