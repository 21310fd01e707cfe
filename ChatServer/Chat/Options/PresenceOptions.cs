using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>Presence (section <c>Chat:Presence</c>).</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Chat:Presence";

    /// <summary>A crashed instance's users leave their rooms within this many seconds (Redis mode).</summary>
    [Range(2, 3600)]
    public int InstanceTimeoutSeconds { get; set; } = 10;
}
