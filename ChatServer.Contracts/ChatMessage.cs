using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>A message as stored in a room's history and delivered to clients.</summary>
/// <param name="Id">The ordered id <c>"&lt;ms&gt;-&lt;seq&gt;"</c> (a Redis stream id in Redis mode); compare with <see cref="MessageId"/>.</param>
/// <param name="Room">The room it was sent to.</param>
/// <param name="User">Its author.</param>
/// <param name="Text">The text, trimmed, 1 to 4000 characters.</param>
/// <param name="SentAt">UTC; the millisecond part of <paramref name="Id"/>, so the two never disagree.</param>
/// <param name="ClientMessageId">The sender's idempotency key, when it gave one.</param>
// [DataContract] names are what MessagePack writes (JSON is camelCase by the serializer's policy), so both
// protocols carry the same field names.
[DataContract]
public sealed record ChatMessage(
    [property: DataMember(Name = "id")] string Id,
    [property: DataMember(Name = "room")] string Room,
    [property: DataMember(Name = "user")] string User,
    [property: DataMember(Name = "text")] string Text,
    [property: DataMember(Name = "sentAt")] DateTime SentAt,
    [property: DataMember(Name = "clientMessageId")] string? ClientMessageId);
