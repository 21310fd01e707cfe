namespace ChatServer.Chat;

/// <summary>A message as stored in a room's history and delivered to clients.</summary>
/// <param name="Id">The ordered id <c>"&lt;ms&gt;-&lt;seq&gt;"</c> (a Redis stream id in Redis mode).</param>
/// <param name="SentAt">UTC; the millisecond part of <paramref name="Id"/>, so the two never disagree.</param>
public sealed record ChatMessage(string Id, string Room, string User, string Text, DateTime SentAt, string? ClientMessageId);
