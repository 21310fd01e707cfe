using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatServer.Chat.Redis;

/// <summary>
/// A changed message's current state as the room's state hash keeps it (one JSON value per message id): what a change
/// can alter, over the stream entry that holds the rest. <c>unread-count.lua</c> looks for <c>"deleted":true</c> in it.
/// </summary>
internal sealed record MessageOverrides(
    string? Text,
    DateTime? EditedAt,
    bool? Deleted,
    IReadOnlyList<string>? Mentions,
    IReadOnlyList<Reaction>? Reactions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ChatMessage current) =>
        JsonSerializer.Serialize(new MessageOverrides(current.Text, current.EditedAt, current.Deleted, current.Mentions, current.Reactions), Json);

    /// <summary>The original as <paramref name="state"/> (null: never changed) leaves it.</summary>
    public static ChatMessage ApplyTo(ChatMessage original, string? state)
    {
        if (state is null) return original;
        var overrides = JsonSerializer.Deserialize<MessageOverrides>(state, Json) ?? throw new InvalidDataException("Empty message state.");
        return overrides.Deleted == true
            ? original with { Text = null, Deleted = true, ReplyTo = null, Mentions = null, Reactions = null }
            : original with { Text = overrides.Text ?? original.Text, EditedAt = overrides.EditedAt, Mentions = overrides.Mentions, Reactions = overrides.Reactions };
    }

    /// <summary>A whole message as the change record carries it.</summary>
    public static string SerializeMessage(ChatMessage message) => JsonSerializer.Serialize(message, Json);

    public static ChatMessage DeserializeMessage(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ChatMessage>(json, Json) ?? throw new InvalidDataException("Empty change record.");
}
