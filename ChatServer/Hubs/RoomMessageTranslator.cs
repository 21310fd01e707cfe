using ChatServer.Backplane;
using ChatServer.Chat.Redis;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Hubs;

/// <summary>
/// Turns the record the Redis message store publishes on a room's group channel into the <c>MessageReceived</c>
/// event, so messages reach every instance's members in stream order without a second publish.
/// </summary>
public sealed class RoomMessageTranslator : IGroupMessageTranslator
{
    public HubMessage? Translate(string group, ReadOnlyMemory<byte> record) =>
        new InvocationMessage(nameof(IChatClient.MessageReceived), [RoomMessageRecord.Parse(record.Span)]);
}
