using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatServer.Chat.Redis;

/// <summary>Readiness from the multiplexer's state, without a round trip: healthy while both Redis connections are up.</summary>
internal sealed class RedisHealthCheck(RedisConnectionMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(monitor.IsReady
            ? HealthCheckResult.Healthy("Redis connected")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Redis {monitor.Describe()}"));
}
