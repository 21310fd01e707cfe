using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Backplane;

/// <summary>
/// Turns records that something other than the backplane publishes on a group's channel (a Lua script that stores
/// a message and publishes it in one step) into the hub message the group's local members receive. Such records
/// start with a byte other than <see cref="BackplaneProtocol.Version"/>.
/// </summary>
public interface IGroupMessageTranslator
{
    /// <summary>The message to deliver, or null to ignore the record.</summary>
    HubMessage? Translate(string group, ReadOnlyMemory<byte> record);
}
