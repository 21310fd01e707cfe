using ChatServer.Jobs;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// <c>JobUpdated</c> to every connection of the requester, through SignalR's user addressing (its Redis backplane in
/// Redis mode), so it reaches them on every instance, also from a worker-only process that maps no hub.
/// </summary>
public sealed class HubJobNotifier(IHubContext<ChatHub, IChatClient> hub) : IJobNotifier
{
    public Task JobUpdatedAsync(string owner, JobStatus status, CancellationToken cancellationToken) =>
        hub.Clients.User(owner).JobUpdated(status);
}
