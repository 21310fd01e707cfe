using ChatServer.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Client;

// Messages that change after they are sent: edits, deletes, reactions, replies, mentions and read markers.
public sealed partial class ChatClient
{
    /// <summary>A message in a joined room was edited; the argument is its current state (with <see cref="ChatMessage.EditedAt"/>).</summary>
    public event Action<ChatMessage>? MessageEdited;

    /// <summary>A message in a joined room was deleted (room, message id): drop its text.</summary>
    public event Action<string, string>? MessageDeleted;

    /// <summary>The reactions on a message changed (room, message id, the full new list).</summary>
    public event Action<string, string, Reaction[]>? ReactionsChanged;

    /// <summary>
    /// After a resume: a message this client held changed while it was away (edited, deleted or reacted to; one event
    /// per message, from <see cref="RoomSnapshot.Updated"/>). Replace what you hold with it.
    /// </summary>
    public event Action<ChatMessage>? MessageUpdated;

    /// <summary>This user was mentioned in a room none of their connections has joined (room, message).</summary>
    public event Action<string, ChatMessage>? Mentioned;

    /// <summary>Another connection of this user moved the read marker (room, message id).</summary>
    public event Action<string, string>? ReadMarkerChanged;

    /// <summary>Replaces the text of this user's own message; the room gets <see cref="MessageEdited"/>.</summary>
    public async Task<ChatMessage> EditMessageAsync(string room, string messageId, string text, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        return await Connection.InvokeAsync<ChatMessage>(nameof(IChatHub.EditMessage), room, messageId, text, cancellationToken);
    }

    /// <summary>Deletes this user's own message (a tombstone stays); the room gets <see cref="MessageDeleted"/>.</summary>
    public async Task DeleteMessageAsync(string room, string messageId, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        await Connection.InvokeAsync(nameof(IChatHub.DeleteMessage), room, messageId, cancellationToken);
    }

    /// <summary>Adds this user's <paramref name="emoji"/> to the message, or takes it back; returns the message's reactions.</summary>
    public async Task<Reaction[]> ToggleReactionAsync(string room, string messageId, string emoji, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        return await Connection.InvokeAsync<Reaction[]>(nameof(IChatHub.ToggleReaction), room, messageId, emoji, cancellationToken);
    }

    /// <summary>Sends a reply quoting <paramref name="replyToId"/>; like <see cref="SendMessageAsync"/> otherwise.</summary>
    public async Task<ChatMessage> SendReplyAsync(string room, string replyToId, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        return await Connection.InvokeAsync<ChatMessage>(nameof(IChatHub.SendReply), room, replyToId, text, clientMessageId, cancellationToken);
    }

    /// <summary>Moves this user's read marker in <paramref name="room"/> forward to <paramref name="messageId"/>.</summary>
    public Task MarkReadAsync(string room, string messageId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(nameof(IChatHub.MarkRead), room, messageId, cancellationToken);

    private void RegisterChangeEvents()
    {
        Connection.On<ChatMessage>(nameof(IChatClient.MessageEdited), message => MessageEdited?.Invoke(message));
        Connection.On<string, string>(nameof(IChatClient.MessageDeleted), (room, id) => MessageDeleted?.Invoke(room, id));
        Connection.On<string, string, Reaction[]>(nameof(IChatClient.ReactionsChanged), (room, id, reactions) => ReactionsChanged?.Invoke(room, id, reactions));
        Connection.On<string, ChatMessage>(nameof(IChatClient.Mentioned), (room, message) => Mentioned?.Invoke(room, message));
        Connection.On<string, string>(nameof(IChatClient.ReadMarkerChanged), (room, id) => ReadMarkerChanged?.Invoke(room, id));
    }

    private void RaiseUpdated(IReadOnlyList<ChatMessage>? updated)
    {
        foreach (var message in updated ?? [])
        {
            MessageUpdated?.Invoke(message);
        }
    }
}
