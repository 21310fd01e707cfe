namespace ChatServer.Chat.Redis;

/// <summary>A connection removed by the sweeper, and the rooms it was in.</summary>
internal sealed record SweptConnection(string User, string ConnectionId, IReadOnlyList<RoomDeparture> Departures);
