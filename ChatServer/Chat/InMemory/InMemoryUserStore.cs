using System.Collections.Concurrent;

namespace ChatServer.Chat.InMemory;

/// <summary>Accounts in process memory: gone when the process stops. Serves one instance only.</summary>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly ConcurrentDictionary<string, UserAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public Task<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryAdd(account.UserName, account));

    public Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.GetValueOrDefault(userName));
}
