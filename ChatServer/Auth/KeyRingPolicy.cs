namespace ChatServer.Auth;

/// <summary>
/// The rules every instance applies to the ring, in memory and Redis mode alike. They only ever add keys the store
/// lacks and remove keys whose time is over, so instances that apply them in any order, concurrently or after the
/// store lost everything, end with the same ring:
/// <list type="bullet">
/// <item>The ring is the union of the stored keys and the keys this instance holds; a held key the store lacks is
/// written back (re-seeded) instead of a new key being invented, so tokens it signed keep working everywhere.</item>
/// <item>A key whose newer successor was created more than the grace period ago is retired everywhere: every token it
/// signed has expired by then. Within the clock skew of that moment a key is no longer written back, so an instance
/// whose clock runs behind does not restore what one ahead of it just retired.</item>
/// <item>A new key is made only when no key is left, or the newest is older than the rotation period. Two instances
/// doing that at once both add one; both keys validate and the newest signs.</item>
/// </list>
/// </summary>
public sealed class KeyRingPolicy(TimeSpan rotation, TimeSpan gracePeriod, TimeSpan clockSkew)
{
    public KeyRingPlan Plan(IReadOnlyCollection<SigningKey> stored, IReadOnlyCollection<SigningKey> held, DateTimeOffset now)
    {
        // The store's copy wins for an id both have: it is the one every other instance reads.
        var union = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in stored.Concat(held))
        {
            union.TryAdd(key.Id, key);
        }

        var retired = union.Values.Where(key => ReplacedFor(key, union.Values, now) >= gracePeriod).ToList();
        var live = union.Values.Except(retired).ToList();
        var storedIds = stored.Select(key => key.Id).ToHashSet(StringComparer.Ordinal);
        var reseeded = live.Where(key => !storedIds.Contains(key.Id) && ReplacedFor(key, union.Values, now) < gracePeriod - clockSkew).ToList();
        var newest = live.MaxBy(key => key.CreatedAt);
        var created = newest is null || newest.CreatedAt + rotation <= now ? SigningKey.Create(now) : null;
        var ring = new SigningKeyRing(created is null ? live : [.. live, created]);
        return new KeyRingPlan(ring, reseeded, created, retired);
    }

    /// <summary>How long ago a newer key took over from <paramref name="key"/> (negative while none has).</summary>
    private static TimeSpan ReplacedFor(SigningKey key, IEnumerable<SigningKey> all, DateTimeOffset now) =>
        all.Where(newer => newer.CreatedAt > key.CreatedAt).Select(newer => now - newer.CreatedAt).DefaultIfEmpty(TimeSpan.MinValue).Max();
}
