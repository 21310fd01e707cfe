using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Typing as an expiring key per (room, user) (<c>SET … PX</c>), indexed by expiry time per room and globally, so
/// listing a room's typists and finding expiries never scans the keyspace.
/// </summary>
/// <remarks>StackExchange.Redis takes no cancellation token: the tokens are checked before each round trip.</remarks>
internal sealed class RedisTypingTracker(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<TypingOptions> options) : ITypingTracker
{
    private const int ExpiryBatch = 100;
    private readonly long _expiryMilliseconds = (long)options.Value.Expiry.TotalMilliseconds;

    public async Task<bool> StartAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var started = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.TypingStart,
                keys: [keys.Typing(room, userName), keys.RoomTypists(room), keys.TypingExpiries],
                values: [room, userName, _expiryMilliseconds]),
            "record typing",
            cancellationToken);
        return (long)started == 1;
    }

    public async Task<bool> StopAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var stopped = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.TypingStop,
                keys: [keys.Typing(room, userName), keys.RoomTypists(room), keys.TypingExpiries],
                values: [room, userName]),
            "record typing",
            cancellationToken);
        return (long)stopped == 1;
    }

    public async Task<IReadOnlyList<string>> GetTypingAsync(string room, CancellationToken cancellationToken)
    {
        var typists = await redis.RunAsync(db => db.ScriptEvaluateAsync(scripts.TypingList, keys: [keys.RoomTypists(room)], values: [keys.TypingKeyPrefix(room)]), "list who is typing", cancellationToken);
        return [.. ((string?[]?)typists ?? []).Select(user => user!).Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<TypingEntry>> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var expired = new List<TypingEntry>();
        while (true)
        {
            var batch = (string?[]?)await redis.RunAsync(
                db => db.ScriptEvaluateAsync(scripts.TypingExpire, keys: [keys.TypingExpiries], values: [keys.Prefix, ExpiryBatch]), "expire typing", cancellationToken) ?? [];
            foreach (var member in batch)
            {
                var newline = member!.IndexOf('\n', StringComparison.Ordinal);
                expired.Add(new TypingEntry(member[..newline], member[(newline + 1)..]));
            }

            if (batch.Length < ExpiryBatch)
            {
                return expired;
            }
        }
    }
}
