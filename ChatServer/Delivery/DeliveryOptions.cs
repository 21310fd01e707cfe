using System.ComponentModel.DataAnnotations;

namespace ChatServer.Delivery;

/// <summary>How room messages reach this instance's connections (section <c>Chat:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Chat:Delivery";

    /// <summary>
    /// Bytes of room messages that may wait for one connection (written to it but not yet taken by its transport).
    /// A connection past it is too slow to keep up: it is closed, and resumes from its last message id.
    /// </summary>
    [Range(16 * 1024, 1024L * 1024 * 1024)]
    public long MaxPendingBytesPerConnection { get; set; } = 1024 * 1024;

    /// <summary>How long a too-slow connection is given to take its close message before it is aborted.</summary>
    [Range(1, 300)]
    public int SlowConnectionCloseTimeoutSeconds { get; set; } = 5;
}
