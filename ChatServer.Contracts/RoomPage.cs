using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>A page of the room list, busiest rooms first.</summary>
/// <param name="Rooms">The rooms, by users online (most first), then by name.</param>
/// <param name="NextCursor">Pass it back for the next page; null on the last page.</param>
[DataContract]
public sealed record RoomPage(
    [property: DataMember(Name = "rooms")] RoomInfo[] Rooms,
    [property: DataMember(Name = "nextCursor")] string? NextCursor);
