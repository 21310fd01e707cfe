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

    /// <summary>Accounts. Past the cap registration answers 503 (accounts are never evicted).</summary>
    [Range(1, 100_000_000)]
    public int MaxAccounts { get; set; } = 1_000_000;

    /// <summary>
    /// Rooms with history. Past the cap a message to a room without history is refused (503); each room keeps at most
    /// <c>Chat:History:MaxLength</c> messages, so history is bounded by the product.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxRooms { get; set; } = 10_000;

    /// <summary>Refresh-token families (sessions). Past the cap expired ones go, then those closest to expiry.</summary>
    [Range(1, 100_000_000)]
    public int MaxRefreshFamilies { get; set; } = 100_000;
}
