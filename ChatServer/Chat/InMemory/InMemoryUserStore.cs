using System.Collections.Concurrent;
using System.Globalization;
using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.InMemory;

/// <summary>
/// Accounts in process memory, at most <see cref="MemoryOptions.MaxAccounts"/>: gone when the process stops. Serves one
/// instance only.
/// </summary>
public sealed class InMemoryUserStore(IOptions<MemoryOptions> options) : IUserStore
{
    private readonly ConcurrentDictionary<string, UserAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _maxAccounts = options.Value.MaxAccounts;

    /// <summary>How many accounts are kept now.</summary>
    public int Count => _accounts.Count;

    public Task<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        // Accounts are never evicted (that would delete people): at the cap, registration waits for a bigger setting.
        if (_accounts.Count >= _maxAccounts)
        {
            throw ChatException.Unavailable(string.Create(CultureInfo.InvariantCulture, $"This server holds its most accounts ({_maxAccounts}); registration is closed"));
        }

        return Task.FromResult(_accounts.TryAdd(account.UserName, account));
    }

    public Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.GetValueOrDefault(userName));
}
