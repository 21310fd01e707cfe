using ChatServer.Chat.Options;
using ChatServer.Redis;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Typing as an expiring key per (room, user) (<c>SET … PX</c>), indexed by expiry time per room and globally, so
/// listing a room's typists and finding expiries never scans the keyspace.
/// </summary>
internal sealed class RedisTypingTracker(RedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<TypingOptions> options) : ITypingTracker
{
    private const int ExpiryBatch = 100;
    private readonly long _expiryMilliseconds = (long)options.Value.Expiry.TotalMilliseconds;

    public async Task<bool> StartAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var started = await RedisCalls.RunAsync(
            () => redis.ScriptEvaluateAsync(scripts.TypingStart, [keys.Typing(room, userName), keys.RoomTypists(room), keys.TypingExpiries], [room, userName, _expiryMilliseconds], cancellationToken),
            "record typing");
        return started.ToInt64() == 1;
    }

    public async Task<bool> StopAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var stopped = await RedisCalls.RunAsync(
            () => redis.ScriptEvaluateAsync(scripts.TypingStop, [keys.Typing(room, userName), keys.RoomTypists(room), keys.TypingExpiries], [room, userName], cancellationToken),
            "record typing");
        return stopped.ToInt64() == 1;
    }

    public async Task<IReadOnlyList<string>> GetTypingAsync(string room, CancellationToken cancellationToken)
    {
        var typists = await RedisCalls.RunAsync(
            () => redis.ScriptEvaluateAsync(scripts.TypingList, [keys.RoomTypists(room)], [keys.TypingKeyPrefix(room)], cancellationToken),
            "list who is typing");
        return [.. typists.ToStringArray().Select(user => user!).Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<TypingEntry>> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var expired = new List<TypingEntry>();
        while (true)
        {
            var batch = (await redis.ScriptEvaluateAsync(scripts.TypingExpire, [keys.TypingExpiries], [keys.Prefix, ExpiryBatch], cancellationToken)).ToStringArray();
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
