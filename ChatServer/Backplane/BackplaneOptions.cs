using System.ComponentModel.DataAnnotations;

namespace ChatServer.Backplane;

/// <summary>The Redis backplane (section <c>Backplane</c>).</summary>
public sealed class BackplaneOptions
{
    public const string SectionName = "Backplane";

    /// <summary>Starts every channel name, so deployments sharing one Redis never hear each other.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Backplane:ChannelPrefix must be 1-32 letters, digits, '_', '.' or '-'")]
    public string ChannelPrefix { get; set; } = "chat";

    /// <summary>How long adding or removing a connection on another instance to or from a group may take.</summary>
    [Range(100, 60_000)]
    public int AckTimeoutMilliseconds { get; set; } = 5_000;
}
