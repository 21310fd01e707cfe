using System.Collections.Concurrent;
using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>
/// Checks that a token's account still exists with the token's id and security stamp, so a token of a deleted or
/// re-created account stops working. Cheap: each account is read from the store at most once per
/// <see cref="FreshFor"/>, whatever the traffic, in both modes. A cached answer that disagrees with a token issued
/// after it was read (an account registered again meanwhile) is read again rather than trusted.
/// </summary>
public sealed class AccountVerifier(IUserStore users, IOptions<AuthOptions> options, TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    /// <summary>Bounds the cache; past it, stale entries go, and if none are stale, all of them.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.OrdinalIgnoreCase);

    // iat has whole seconds and instances' clocks differ: a token issued up to this long before a read may be newer.
    private readonly TimeSpan _issuedAtMargin = TimeSpan.FromSeconds(1) + options.Value.ClockSkew;

    public async ValueTask<AccountCheck> CheckAsync(string userName, string accountId, string securityStamp, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(userName, out var cached) && now - cached.ReadAt < FreshFor)
        {
            if (Matches(cached.Account, accountId, securityStamp))
            {
                return AccountCheck.Current;
            }

            if (issuedAt < cached.ReadAt - _issuedAtMargin)
            {
                return AccountCheck.Gone;
            }
        }

        UserAccount? account;
        try
        {
            account = await users.FindAsync(userName, cancellationToken);
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
        {
            return AccountCheck.Unavailable;
        }

        Remember(userName, new Entry(account, now), now);
        return Matches(account, accountId, securityStamp) ? AccountCheck.Current : AccountCheck.Gone;
    }

    private static bool Matches(UserAccount? account, string accountId, string securityStamp) =>
        account is not null
        && string.Equals(account.Id, accountId, StringComparison.Ordinal)
        && string.Equals(account.SecurityStamp, securityStamp, StringComparison.Ordinal);

    private void Remember(string userName, Entry entry, DateTimeOffset now)
    {
        if (_cache.Count >= MaxEntries)
        {
            foreach (var (name, old) in _cache)
            {
                if (now - old.ReadAt >= FreshFor)
                {
                    _cache.TryRemove(name, out _);
                }
            }

            if (_cache.Count >= MaxEntries)
            {
                _cache.Clear();
            }
        }

        _cache[userName] = entry;
    }

    private sealed record Entry(UserAccount? Account, DateTimeOffset ReadAt);
}
