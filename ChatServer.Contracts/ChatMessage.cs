using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace ChatServer.Contracts;

/// <summary>A message as stored in a room's history and delivered to clients, in its current state.</summary>
/// <param name="Id">The ordered id <c>"&lt;ms&gt;-&lt;seq&gt;"</c> (a Redis stream id in Redis mode); compare with <see cref="MessageId"/>.</param>
/// <param name="Room">The room it was sent to.</param>
/// <param name="User">Its author.</param>
/// <param name="Text">The text, trimmed, 1 to 4000 characters; null once the message is deleted.</param>
/// <param name="SentAt">UTC; the millisecond part of <paramref name="Id"/>, so the two never disagree.</param>
/// <param name="ClientMessageId">The sender's idempotency key, when it gave one.</param>
/// <param name="EditedAt">UTC time of the latest edit; null when never edited.</param>
/// <param name="Deleted">True for a tombstone: the message was deleted, and only its id, room and author remain.</param>
/// <param name="ReplyTo">The message this one replies to, with an excerpt of its current text.</param>
/// <param name="Mentions">The existing users named with <c>@name</c> in the text, in order of first mention.</param>
/// <param name="Reactions">The reactions, in order of each emoji's first use.</param>
// [DataContract] names are what MessagePack writes (JSON is camelCase by the serializer's policy), so both
// protocols carry the same field names. The optional fields are left out of JSON when null; MessagePack writes them
// as nil (its resolver has no "omit when null").
[DataContract]
public sealed record ChatMessage(
    [property: DataMember(Name = "id")] string Id,
    [property: DataMember(Name = "room")] string Room,
    [property: DataMember(Name = "user")] string User,
    [property: DataMember(Name = "text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: DataMember(Name = "sentAt")] DateTime SentAt,
    [property: DataMember(Name = "clientMessageId")] string? ClientMessageId,
    [property: DataMember(Name = "editedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? EditedAt = null,
    [property: DataMember(Name = "deleted"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Deleted = null,
    [property: DataMember(Name = "replyTo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReplyReference? ReplyTo = null,
    [property: DataMember(Name = "mentions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Mentions = null,
    [property: DataMember(Name = "reactions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Reaction>? Reactions = null)
{
    /// <summary>True for a tombstone.</summary>
    [IgnoreDataMember]
    [JsonIgnore]
    public bool IsDeleted => Deleted == true;
}
