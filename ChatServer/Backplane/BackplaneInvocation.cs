using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Backplane;

/// <summary>A hub message received from the backplane, and the connections it must skip.</summary>
internal sealed record BackplaneInvocation(SerializedHubMessage Message, IReadOnlyList<string> ExcludedConnectionIds);
