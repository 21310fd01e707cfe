namespace ChatServer.Chat;

/// <summary>
/// What a <see cref="MessageChange"/> does to a message, for both stores (the Redis store applies it in C# and writes the
/// result with a compare-and-set, so the rules live only here): who may do it, and the message's next state.
/// </summary>
public static class MessageChangeRules
{
    /// <summary>Different emoji one message may carry.</summary>
    public const int MaxReactionsPerMessage = 20;

    /// <summary>The message after <paramref name="change"/>, or null when the change changes nothing (a repeated edit or delete).</summary>
    public static ChatMessage? Apply(ChatMessage current, MessageChange change, DateTime now)
    {
        var isAuthor = string.Equals(current.User, change.User, StringComparison.OrdinalIgnoreCase);
        switch (change.Kind)
        {
            case RoomChangeKind.Edited when !isAuthor:
                throw ChatException.Forbidden("Only the author can edit this message");
            case RoomChangeKind.Deleted when !isAuthor:
                throw ChatException.Forbidden("Only the author can delete this message");
            case RoomChangeKind.Deleted:
                return current.IsDeleted
                    ? null
                    : current with { Text = null, Deleted = true, EditedAt = null, ReplyTo = null, Mentions = null, Reactions = null };
        }

        if (current.IsDeleted)
        {
            throw ChatException.Invalid("The message was deleted");
        }

        return change.Kind switch
        {
            RoomChangeKind.Edited => current.Text == change.Text ? null : current with { Text = change.Text, EditedAt = now, Mentions = change.Mentions },
            RoomChangeKind.Reactions => current with { Reactions = Toggle(current.Reactions ?? [], change.Emoji!, change.User) },
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown change kind."),
        };
    }

    /// <summary>Adds or removes <paramref name="user"/>'s <paramref name="emoji"/>; null when no reaction is left.</summary>
    private static List<Reaction>? Toggle(IReadOnlyList<Reaction> reactions, string emoji, string user)
    {
        var next = new List<Reaction>(reactions.Count + 1);
        var found = false;
        foreach (var reaction in reactions)
        {
            if (reaction.Emoji != emoji)
            {
                next.Add(reaction);
                continue;
            }

            found = true;
            var had = reaction.Users.Any(u => string.Equals(u, user, StringComparison.OrdinalIgnoreCase));
            List<string> users = had ? [.. reaction.Users.Where(u => !string.Equals(u, user, StringComparison.OrdinalIgnoreCase))] : [.. reaction.Users, user];
            if (users.Count > 0) next.Add(reaction with { Users = users });
        }

        if (!found)
        {
            if (reactions.Count >= MaxReactionsPerMessage)
            {
                throw ChatException.Invalid($"A message can carry at most {MaxReactionsPerMessage} different reactions");
            }

            next.Add(new Reaction(emoji, [user]));
        }

        return next.Count == 0 ? null : next;
    }
}
