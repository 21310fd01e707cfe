using ChatServer.Backplane;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hosting;

/// <summary>Subscribes the backplane's instance-wide channels at start-up, before the first connection arrives.</summary>
public sealed class BackplaneStartupService<THub>(RedisHubLifetimeManager<THub> backplane) : IHostedService
    where THub : Hub
{
    public Task StartAsync(CancellationToken cancellationToken) => backplane.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
