using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>The body of <c>POST /api/rooms/{room}/exports</c>.</summary>
/// <param name="Format"><c>json</c>, <c>csv</c> or <c>html</c>.</param>
[DataContract]
public sealed record ExportRequest([property: DataMember(Name = "format")] string? Format);
