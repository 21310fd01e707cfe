using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>
/// <c>SendMessage</c>'s token buckets (section <c>Chat:RateLimit</c>): one per user, and one per client address that
/// all the address's users share (so registering more accounts does not buy more sends). Both across all instances.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Chat:RateLimit";

    [Range(0.001, 1_000_000)]
    public double MessagesPerSecond { get; set; } = 10;

    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 20;

    /// <summary>Sends per second from one client address, whoever sends them (a few users' worth).</summary>
    [Range(0.001, 1_000_000)]
    public double PerAddressMessagesPerSecond { get; set; } = 30;

    [Range(1, 10_000_000)]
    public int PerAddressBurst { get; set; } = 60;

    public TokenBucketPolicy PerUser => new(MessagesPerSecond, Burst);

    public TokenBucketPolicy PerAddress => new(PerAddressMessagesPerSecond, PerAddressBurst);
}
