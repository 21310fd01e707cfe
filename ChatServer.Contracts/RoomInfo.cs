using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>A room in the room list.</summary>
/// <param name="Room">The room's name (or <c>dm:{a}:{b}</c> id).</param>
/// <param name="Online">How many users have a connection in it.</param>
/// <param name="Unread">Messages after the caller's read marker not sent by the caller, capped at 100.</param>
/// <param name="LastReadId">The caller's read marker in the room, or null.</param>
[DataContract]
public sealed record RoomInfo(
    [property: DataMember(Name = "room")] string Room,
    [property: DataMember(Name = "online")] int Online,
    [property: DataMember(Name = "unread")] int Unread = 0,
    [property: DataMember(Name = "lastReadId")] string? LastReadId = null);
