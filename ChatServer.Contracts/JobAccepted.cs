using System.Runtime.Serialization;

namespace ChatServer.Contracts;

/// <summary>The answer to a request that started a background job (<c>202</c>, with its status URL in <c>Location</c>).</summary>
[DataContract]
public sealed record JobAccepted(
    [property: DataMember(Name = "jobId")] string JobId,
    [property: DataMember(Name = "status")] string Status);
