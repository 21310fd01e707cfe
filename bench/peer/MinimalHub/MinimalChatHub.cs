using ChatServer.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace MinimalHub;

/// <summary>
/// ChatServer's JoinRoom and SendMessage with the same names, arguments and result shapes, doing only what SignalR
/// itself does: a group per room and one broadcast per message. No authentication, validation, history, presence,
/// idempotency or rate limit, so the generator that drives ChatServer drives this unchanged.
/// </summary>
internal sealed class MinimalChatHub(MessageIds ids) : Hub
{
    public async Task<RoomSnapshot> JoinRoom(string room, string? sinceId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, room, Context.ConnectionAborted);
        return new RoomSnapshot(room, [], false, [], [], [], null);
    }

    public async Task<ChatMessage> SendMessage(string room, string text, string? clientMessageId)
    {
        var message = new ChatMessage(ids.Next(), room, Context.ConnectionId, text, DateTime.UtcNow, clientMessageId);
        await Clients.Group(room).SendAsync("MessageReceived", message, Context.ConnectionAborted);
        return message;
    }
}
