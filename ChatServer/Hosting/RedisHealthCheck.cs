using ChatServer.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatServer.Hosting;

/// <summary>Ready only while both Redis sockets (commands and pub/sub) are connected.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy($"Redis at {redis.Options.Endpoint} is connected")
            : HealthCheckResult.Unhealthy($"Redis at {redis.Options.Endpoint} is unreachable: {redis.LastFailure?.Message ?? "not connected yet"}"));
}
