using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>Message history (section <c>Chat:History</c>).</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "Chat:History";

    /// <summary>Messages kept per room; older ones are dropped.</summary>
    [Range(1, 10_000_000)]
    public int MaxLength { get; set; } = 10_000;

    /// <summary>How long <c>(user, clientMessageId)</c> is remembered for idempotent retries.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int IdempotencyWindowSeconds { get; set; } = 24 * 3600;

    /// <summary>
    /// Memory mode: the most <c>(user, clientMessageId)</c> keys remembered at once (about 150 bytes each); beyond it the
    /// oldest are forgotten before their window ends. Redis mode keeps one expiring key each instead.
    /// </summary>
    [Range(1, 100_000_000)]
    public int IdempotencyMaxKeys { get; set; } = 1_000_000;
}
