using System.ComponentModel.DataAnnotations;

namespace ChatServer.Hosting;

/// <summary>SignalR's Redis backplane (section <c>Backplane</c>).</summary>
public sealed class BackplaneOptions
{
    public const string SectionName = "Backplane";

    /// <summary>Starts every backplane channel name, so deployments sharing one Redis never hear each other.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Backplane:ChannelPrefix must be 1-32 letters, digits, '_', '.' or '-'")]
    public string ChannelPrefix { get; set; } = "chat";
}
