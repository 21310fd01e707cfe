using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Backplane;

/// <summary>
/// For records that something other than the backplane publishes on a group's channel (a Lua script that stores a
/// message and publishes it in one step): turns each into the hub message the group's local members receive, and
/// replays from where they are stored what this instance missed while its subscriber socket was away. Such records
/// start with a byte other than <see cref="BackplaneProtocol.Version"/>.
/// </summary>
public interface IGroupMessageRelay
{
    /// <summary>The message to deliver now, or null to deliver nothing (a repeat, or held for a running replay).</summary>
    HubMessage? Translate(string group, ReadOnlyMemory<byte> record);

    /// <summary>This instance has just subscribed to the group's channel (its first local member joined).</summary>
    ValueTask OnSubscribedAsync(string group, CancellationToken cancellationToken);

    /// <summary>This instance has unsubscribed from the group's channel (its last local member left).</summary>
    void OnUnsubscribed(string group);

    /// <summary>
    /// The subscriber socket is gone: records published from now on may be missed, and the ones that arrive after it
    /// is back must wait until the replay has delivered those.
    /// </summary>
    void OnSubscriptionsLost();

    /// <summary>
    /// After the subscriber socket was restored: the group's records published while it was away, then any held
    /// back meanwhile, in order. The caller writes each to the group's local members before asking for the next.
    /// </summary>
    IAsyncEnumerable<HubMessage> ReplayMissedAsync(string group, CancellationToken cancellationToken);
}
