using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Backplane;

/// <summary>A hub message received from the backplane (serialized once per protocol), and the connections it must skip.</summary>
internal sealed record BackplaneInvocation(IReadOnlyList<SerializedMessage> Messages, IReadOnlyList<string> ExcludedConnectionIds)
{
    /// <summary>The form local connections write: each picks the bytes for its own protocol.</summary>
    public SerializedHubMessage ToHubMessage() => new(Messages);
}
