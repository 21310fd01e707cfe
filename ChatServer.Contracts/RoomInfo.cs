using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>A room in the room list.</summary>
/// <param name="Room">The room's name (or <c>dm:{a}:{b}</c> id).</param>
/// <param name="Online">How many users have a connection in it.</param>
[DataContract]
public sealed record RoomInfo(
    [property: DataMember(Name = "room")] string Room,
    [property: DataMember(Name = "online")] int Online);
