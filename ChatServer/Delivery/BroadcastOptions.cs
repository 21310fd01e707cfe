using System.ComponentModel.DataAnnotations;

namespace ChatServer.Delivery;

/// <summary>How presence and typing reach rooms (section <c>Chat:Broadcast</c>).</summary>
public sealed class BroadcastOptions
{
    public const string SectionName = "Chat:Broadcast";

    /// <summary>
    /// At most one typing change and one join/leave change per user and room goes out in this window; changes
    /// within it are folded into one that carries the final state at its end. 0 sends every change at once.
    /// </summary>
    [Range(0, 60_000)]
    public int CoalesceMilliseconds { get; set; } = 1000;

    public TimeSpan Window => TimeSpan.FromMilliseconds(CoalesceMilliseconds);
}
