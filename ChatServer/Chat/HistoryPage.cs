namespace ChatServer.Chat;

/// <summary>A page of a room's history, oldest first; <see cref="HasMore"/> says more lies beyond the cut.</summary>
public sealed record HistoryPage(IReadOnlyList<ChatMessage> Messages, bool HasMore)
{
    public static HistoryPage Empty { get; } = new([], false);
}
