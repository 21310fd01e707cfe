namespace ChatServer.Client;

// The JSON shapes of ../shared/contract.md, as a .NET client sees them.

public sealed record ChatMessage(string Id, string Room, string User, string Text, DateTime SentAt, string? ClientMessageId);

public sealed record RoomSnapshot(string Room, IReadOnlyList<ChatMessage> Messages, bool HasMore, IReadOnlyList<string> Online, IReadOnlyList<string> Typing);

public sealed record HistoryPage(IReadOnlyList<ChatMessage> Messages, bool HasMore);

public sealed record RoomInfo(string Room, int Online);

/// <param name="ConnectionId">The server's id for the connection (hub only; null from <c>GET /api/server</c>).</param>
public sealed record ServerInfo(string InstanceId, string Mode, string? ConnectionId = null);

public sealed record LoginResponse(string AccessToken, int ExpiresIn, string UserName);
