using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Typing as an expiring key per (room, user) (<c>SET … PXAT</c>) and the room's typists scored by expiry, both in the
/// room's hash slot; plus one index of expiries across rooms, so finding expiries never scans the keyspace. The index
/// is another slot, so no script writes both: it is written first and may hold more than is live, and each entry
/// claimed from it is checked against the room's own keys (<c>typing-lapse.lua</c>) before it is reported.
/// </summary>
/// <remarks>StackExchange.Redis takes no cancellation token: the tokens are checked before each round trip.</remarks>
internal sealed class RedisTypingTracker(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, IOptions<TypingOptions> options) : ITypingTracker
{
    private const int ExpiryBatch = 100;
    private readonly long _expiryMilliseconds = (long)options.Value.Expiry.TotalMilliseconds;

    public async Task<bool> StartAsync(string room, string userName, CancellationToken cancellationToken)
    {
        // Indexed first: if the second step never runs, the index entry only leads to a check that finds nothing;
        // the other way round, typing could be recorded that nothing ever expires.
        var expiresAt = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.TypingIndex, keys: [keys.TypingExpiries], values: [room, userName, _expiryMilliseconds]),
            "record typing",
            cancellationToken);
        var started = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.TypingStart, keys: [keys.Typing(room, userName), keys.RoomTypists(room)], values: [userName, (long)expiresAt]),
            "record typing",
            cancellationToken);
        return (long)started == 1;
    }

    public async Task<bool> StopAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var stopped = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.TypingStop, keys: [keys.Typing(room, userName), keys.RoomTypists(room)], values: [userName]),
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
                db => db.ScriptEvaluateAsync(scripts.TypingExpire, keys: [keys.TypingExpiries], values: [ExpiryBatch]), "expire typing", cancellationToken) ?? [];
            var claimed = batch.Select(member => ParseMember(member!)).ToList();

            // Claimed entries are this instance's alone; each is checked in its room's slot (pipelined). A check that
            // fails loses its entry, as a claim whose reply is lost always did: the typing key still expires on its own.
            var lapsed = await Task.WhenAll(claimed.Select(entry => LapseAsync(entry, cancellationToken)));
            expired.AddRange(claimed.Where((_, i) => lapsed[i]));
            if (batch.Length < ExpiryBatch)
            {
                return expired;
            }
        }
    }

    private async Task<bool> LapseAsync(TypingEntry entry, CancellationToken cancellationToken)
    {
        var lapsed = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.TypingLapse, keys: [keys.Typing(entry.Room, entry.User), keys.RoomTypists(entry.Room)], values: [entry.User]),
            "expire typing",
            cancellationToken);
        return (long)lapsed == 1;
    }

    private static TypingEntry ParseMember(string member)
    {
        var newline = member.IndexOf('\n', StringComparison.Ordinal);
        return new TypingEntry(member[..newline], member[(newline + 1)..]);
    }
}
