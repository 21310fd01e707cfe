using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// This instance's view of the signing-key ring. It is refreshed from the store every few seconds
/// (<see cref="KeyRingRefreshService"/>), before every token it issues (so a token is only ever signed with a key
/// the store holds at that moment, and an instance that still has keys the store lost writes them back first), and
/// when a token names a key id it does not know (another instance rotated or re-created the ring). The validator
/// reads <see cref="Ring"/> synchronously.
/// </summary>
public sealed class SigningKeyRingProvider : IDisposable
{
    /// <summary>Unknown key ids trigger at most one store read per this interval, whoever sends them.</summary>
    private static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly ISigningKeyStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyRingProvider> _logger;
    private readonly KeyRingPolicy _policy;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private SigningKeyRing _ring = SigningKeyRing.Empty;
    private long _lastRefreshStarted;   // timestamps; 0: never
    private long _lastRefreshCompleted;

    public SigningKeyRingProvider(ISigningKeyStore store, IOptions<AuthOptions> options, TimeProvider time, ILogger<SigningKeyRingProvider> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _policy = new KeyRingPolicy(options.Value.KeyRotation, options.Value.KeyGracePeriod, options.Value.ClockSkew);
    }

    /// <summary>The ring as last refreshed; empty before the first refresh.</summary>
    public SigningKeyRing Ring => Volatile.Read(ref _ring);

    /// <summary>The key to sign with, after a refresh that started after this call.</summary>
    public async Task<SigningKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        var ring = await RefreshAsync(cancellationToken);
        return ring.Current ?? throw new InvalidOperationException("A refreshed key ring always has a current key.");
    }

    /// <summary>
    /// True when the ring holds <paramref name="keyId"/>, reading the store again first when it does not (at most once
    /// per <see cref="UnknownKeyRefreshInterval"/>, waiting for the next read rather than refusing meanwhile).
    /// </summary>
    public async Task<bool> EnsureKnownAsync(string keyId, CancellationToken cancellationToken)
    {
        if (Ring.Contains(keyId))
        {
            return true;
        }

        var sinceLast = _time.GetElapsedTime(Volatile.Read(ref _lastRefreshCompleted));
        if (sinceLast < UnknownKeyRefreshInterval)
        {
            await Task.Delay(UnknownKeyRefreshInterval - sinceLast, _time, cancellationToken);
        }

        return (await RefreshAsync(cancellationToken)).Contains(keyId);
    }

    /// <summary>
    /// Reads the store, applies <see cref="KeyRingPolicy"/> and writes back what the store lacks. Callers that arrive
    /// while a refresh runs share the next one (which starts after they arrived), so a burst costs one round trip.
    /// </summary>
    public async Task<SigningKeyRing> RefreshAsync(CancellationToken cancellationToken)
    {
        var arrived = _time.GetTimestamp();
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // A refresh that started after this call arrived has completed meanwhile (it held the lock): it is fresh enough.
            if (Volatile.Read(ref _lastRefreshStarted) >= arrived)
            {
                return Ring;
            }

            var started = _time.GetTimestamp();
            var held = Ring.Keys;
            var stored = await _store.ReadAsync(cancellationToken);
            var plan = _policy.Plan(stored, held, _time.GetUtcNow());
            if (plan.ToWrite.Count > 0 || plan.Retired.Count > 0)
            {
                await _store.SaveAsync(plan.ToWrite, [.. plan.Retired.Select(key => key.Id)], cancellationToken);
            }

            Volatile.Write(ref _ring, plan.Ring);
            Volatile.Write(ref _lastRefreshStarted, started);
            Volatile.Write(ref _lastRefreshCompleted, _time.GetTimestamp());
            Report(plan, stored.Count, held);
            return plan.Ring;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();

    private void Report(KeyRingPlan plan, int storedCount, IReadOnlyList<SigningKey> held)
    {
        if (plan.Reseeded.Count > 0)
        {
            AuthLog.KeyRingReseeded(_logger, plan.Reseeded.Count, plan.Reseeded.Select(key => key.Id), storedCount);
        }

        if (plan.Created is { } created)
        {
            var previous = plan.Ring.Keys.Skip(1).FirstOrDefault();
            if (previous is null)
            {
                AuthLog.KeyCreated(_logger, created.Id);
            }
            else
            {
                AuthLog.KeyRotated(_logger, created.Id, previous.Id);
            }
        }

        if (plan.Retired.Count > 0)
        {
            var retired = plan.Retired.Select(key => key.Id).ToList();
            AuthLog.KeysRetired(_logger, retired);
        }

        if (held.Count > 0 && _logger.IsEnabled(LogLevel.Debug))
        {
            var adopted = plan.Ring.Keys.Where(key => key != plan.Created && !held.Any(h => h.Id == key.Id)).Select(key => key.Id).ToList();
            if (adopted.Count > 0)
            {
                AuthLog.KeysAdopted(_logger, adopted);
            }
        }
    }
}
