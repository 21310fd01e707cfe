using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>What one user or connection may hold (section <c>Chat:Limits</c>), across all instances.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Chat:Limits";

    /// <summary>Open hub connections per user (tabs, devices), on all instances together; one more is refused.</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>Rooms one connection may have joined at once.</summary>
    [Range(1, 100_000)]
    public int MaxRoomsPerConnection { get; set; } = 100;

    /// <summary>New public rooms (no members, no history) one user may bring into being per hour, by joining them.</summary>
    [Range(1, 1_000_000)]
    public int RoomsCreatedPerHour { get; set; } = 30;

    /// <summary>Rooms in one page of <c>ListRooms</c> / <c>GET /api/rooms</c> when the caller names no limit.</summary>
    [Range(1, 10_000)]
    public int RoomListDefaultLimit { get; set; } = 100;

    /// <summary>The largest page a caller may ask for.</summary>
    [Range(1, 10_000)]
    public int RoomListMaxLimit { get; set; } = 500;

    public TokenBucketPolicy RoomCreations => new(RoomsCreatedPerHour / 3600.0, RoomsCreatedPerHour);
}
