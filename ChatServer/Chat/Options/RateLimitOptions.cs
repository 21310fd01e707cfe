using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>The per-user token bucket for <c>SendMessage</c> (section <c>Chat:RateLimit</c>).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Chat:RateLimit";

    [Range(0.001, 1_000_000)]
    public double MessagesPerSecond { get; set; } = 10;

    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 20;
}
