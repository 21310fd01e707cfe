namespace ChatServer.Chat;

/// <summary>
/// Edits, deletes and reactions: validates the caller's input, checks access (the room, the join, and, in the store's
/// rules, the author), and applies the change through the store, which hands it to the room in the room's order.
/// Deleting is the author's alone until rooms have moderators.
/// </summary>
public sealed class MessageChangeService(IMessageStore messages, IPresenceTracker presence, MentionResolver mentions)
{
    public async Task<ChatMessage> EditAsync(string userName, string connectionId, string? room, string? messageId, string? text, CancellationToken cancellationToken)
    {
        var (validRoom, id) = await ValidateAsync(userName, connectionId, room, messageId, cancellationToken);
        var body = ChatValidation.ValidateText(text);
        var change = new MessageChange(validRoom, id, userName, RoomChangeKind.Edited, body, await mentions.ResolveAsync(body, cancellationToken));
        return (await messages.ChangeAsync(change, cancellationToken)).Message;
    }

    public async Task DeleteAsync(string userName, string connectionId, string? room, string? messageId, CancellationToken cancellationToken)
    {
        var (validRoom, id) = await ValidateAsync(userName, connectionId, room, messageId, cancellationToken);
        await messages.ChangeAsync(new MessageChange(validRoom, id, userName, RoomChangeKind.Deleted), cancellationToken);
    }

    /// <remarks>An array, not any list: a hub result is serialized by its runtime type, which MessagePack must know.</remarks>
    public async Task<Reaction[]> ToggleReactionAsync(string userName, string connectionId, string? room, string? messageId, string? emoji, CancellationToken cancellationToken)
    {
        var (validRoom, id) = await ValidateAsync(userName, connectionId, room, messageId, cancellationToken);
        var validEmoji = EmojiValidation.Validate(emoji);
        var changed = await messages.ChangeAsync(new MessageChange(validRoom, id, userName, RoomChangeKind.Reactions, Emoji: validEmoji), cancellationToken);
        return changed.Message.Reactions?.ToArray() ?? [];
    }

    private async Task<(string Room, MessageId Id)> ValidateAsync(string userName, string connectionId, string? room, string? messageId, CancellationToken cancellationToken)
    {
        var validRoom = RoomNames.Validate(room);
        var id = ChatValidation.ParseRequiredId(messageId, "messageId");
        RoomNames.EnsureAccess(validRoom, userName);
        if (!await presence.IsJoinedAsync(validRoom, connectionId, cancellationToken))
        {
            throw ChatException.Invalid("Join the room before changing its messages");
        }

        return (validRoom, id);
    }
}
