using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>Typing indicators (section <c>Chat:Typing</c>).</summary>
public sealed class TypingOptions
{
    public const string SectionName = "Chat:Typing";

    /// <summary>Typing stops this long after the last <c>StartTyping</c>.</summary>
    [Range(1, 300)]
    public int ExpirySeconds { get; set; } = 5;

    public TimeSpan Expiry => TimeSpan.FromSeconds(ExpirySeconds);
}
