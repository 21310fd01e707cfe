using System.ComponentModel.DataAnnotations;

namespace ChatServer.Delivery;

/// <summary>How an instance leaves at SIGTERM (section <c>Chat:Shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Chat:Shutdown";

    /// <summary>
    /// The window over which the instance's connections are told to reconnect elsewhere, spread evenly so the other
    /// instances are not hit by all of them at once. 0 closes them all at once.
    /// </summary>
    [Range(0, 300)]
    public int DrainSeconds { get; set; } = 10;
}
