using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>
/// Memory mode's caps (section <c>Chat:Memory</c>): every structure the in-memory stores keep is bounded, and says
/// what it evicts at its cap. Redis mode keeps these in Redis with expiring keys instead.
/// </summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Chat:Memory";

    /// <summary>
    /// Rate-limit buckets (users', addresses', failed logins'). A bucket that has refilled is the same as none and
    /// goes first; past the cap the least recently used go, which can only give their owners a fresh budget.
    /// </summary>
    [Range(16, 100_000_000)]
    public int MaxRateLimitBuckets { get; set; } = 100_000;
}
