using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// Refresh-token families in process memory, for the single in-memory instance (serves one instance only; gone at
/// restart). Bounded: past <see cref="MemoryOptions.MaxRefreshFamilies"/>, expired families are dropped, then the ones
/// closest to expiry.
/// </summary>
public sealed class InMemoryRefreshTokenStore(TimeProvider time, IOptions<MemoryOptions> options) : IRefreshTokenStore
{
    private readonly int _maxFamilies = options.Value.MaxRefreshFamilies;

    private readonly Lock _sync = new();
    private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);

    public Task CreateAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            MakeRoom(time.GetUtcNow());
            _families[family.Id] = new Family(family, tokenHash, expiresAt);
        }

        return Task.CompletedTask;
    }

    public Task<RefreshTokenRotation> RotateAsync(string familyId, string presentedHash, string nextHash, DateTimeOffset nextExpiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_sync)
        {
            if (!_families.TryGetValue(familyId, out var family) || family.ExpiresAt <= now)
            {
                _families.Remove(familyId);
                return Task.FromResult(RefreshTokenRotation.Invalid);
            }

            if (family.CurrentHash == presentedHash)
            {
                // The replaced token is remembered as long as it would have worked, so a replay of it is recognised.
                family.Replaced[presentedHash] = family.ExpiresAt;
                family.CurrentHash = nextHash;
                family.ExpiresAt = nextExpiresAt;
                family.ForgetExpired(now);
                return Task.FromResult(new RefreshTokenRotation(RefreshTokenOutcome.Rotated, family.Owner));
            }

            if (family.WasReplaced(presentedHash, now))
            {
                _families.Remove(familyId);
                return Task.FromResult(new RefreshTokenRotation(RefreshTokenOutcome.Reused, family.Owner));
            }

            return Task.FromResult(RefreshTokenRotation.Invalid);
        }
    }

    public Task<bool> RevokeAsync(string familyId, string presentedHash, string userName, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var revoke = _families.TryGetValue(familyId, out var family)
                && string.Equals(family.Owner.UserName, userName, StringComparison.OrdinalIgnoreCase)
                && (family.CurrentHash == presentedHash || family.WasReplaced(presentedHash, time.GetUtcNow()));
            return Task.FromResult(revoke && _families.Remove(familyId));
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_families.Count < _maxFamilies)
        {
            return;
        }

        foreach (var (id, family) in _families)
        {
            if (family.ExpiresAt <= now)
            {
                _families.Remove(id);
            }
        }

        var excess = _families.Count - _maxFamilies + 1;
        foreach (var id in _families.OrderBy(pair => pair.Value.ExpiresAt).Take(Math.Max(0, excess)).Select(pair => pair.Key).ToList())
        {
            _families.Remove(id);
        }
    }

    /// <summary>How many families are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_sync) return _families.Count;
        }
    }

    private sealed class Family(RefreshTokenFamily owner, string currentHash, DateTimeOffset expiresAt)
    {
        public RefreshTokenFamily Owner { get; } = owner;

        public string CurrentHash { get; set; } = currentHash;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        /// <summary>Replaced token hashes, each until it would have expired.</summary>
        public Dictionary<string, DateTimeOffset> Replaced { get; } = new(StringComparer.Ordinal);

        public bool WasReplaced(string hash, DateTimeOffset now) => Replaced.TryGetValue(hash, out var until) && until > now;

        public void ForgetExpired(DateTimeOffset now)
        {
            foreach (var (hash, until) in Replaced)
            {
                if (until <= now)
                {
                    Replaced.Remove(hash);
                }
            }
        }
    }
}
