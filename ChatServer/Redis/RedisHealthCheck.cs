using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatServer.Redis;

/// <summary>
/// Readiness from the client's own state, without a round trip: healthy when both sockets are connected (and the
/// subscriber has re-subscribed after a reconnect), unhealthy (with the last failure) otherwise. Register with
/// <c>services.AddHealthChecks().AddCheck&lt;RedisHealthCheck&gt;("redis")</c>.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["endpoint"] = connection.Options.Endpoint,
            ["commands"] = connection.State.ToString(),
            ["subscriber"] = connection.SubscriberState.ToString(),
            ["pending"] = connection.PendingCommands,
        };
        var result = connection.IsConnected
            ? HealthCheckResult.Healthy("Redis connected", data)
            : new HealthCheckResult(
                context?.Registration.FailureStatus ?? HealthStatus.Unhealthy,
                $"Redis commands {connection.State}, subscriber {(connection.IsResubscribing ? "re-subscribing" : connection.SubscriberState)}",
                connection.LastFailure,
                data);
        return Task.FromResult(result);
    }
}
