using ChatServer.Delivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatServer.Hosting;

/// <summary>Not ready while the instance drains for a shutdown, so load balancers and orchestrators send nothing new.</summary>
internal sealed class DrainHealthCheck(ConnectionDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? new HealthCheckResult(context.Registration.FailureStatus, "Draining for shutdown")
            : HealthCheckResult.Healthy("Taking connections"));
}
