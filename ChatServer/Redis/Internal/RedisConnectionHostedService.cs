using Microsoft.Extensions.Hosting;

namespace ChatServer.Redis;

/// <summary>
/// Connects the singleton <see cref="RedisConnection"/> when the host starts, so a wrong address or password
/// stops start-up with a clear error (unless <c>abortConnect=false</c>). Closing is left to the container, which
/// disposes the singleton after every hosted service that may still use it has stopped.
/// </summary>
internal sealed class RedisConnectionHostedService(RedisConnection connection) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => connection.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
