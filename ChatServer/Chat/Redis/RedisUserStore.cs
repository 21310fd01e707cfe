using System.Globalization;
using ChatServer.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>Accounts as one hash per lower-cased name, created by a script so a name is taken exactly once.</summary>
internal sealed class RedisUserStore(RedisConnection redis, RedisKeys keys, ChatRedisScripts scripts) : IUserStore
{
    public async Task<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        var created = await RedisCalls.RunAsync(
            () => redis.ScriptEvaluateAsync(
                scripts.UserCreate,
                [keys.Account(account.UserName)],
                [account.UserName, account.PasswordHash, account.CreatedAt.ToString("O", CultureInfo.InvariantCulture)],
                cancellationToken),
            "create the account");
        return created.ToInt64() == 1;
    }

    public async Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        var fields = await RedisCalls.RunAsync(() => redis.HashGetAllAsync(keys.Account(userName), cancellationToken), "find the account");
        if (!fields.TryGetValue("name", out var name) || !fields.TryGetValue("hash", out var hash))
        {
            return null;
        }

        var created = fields.TryGetValue("created", out var at) && DateTime.TryParse(at.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : default;
        return new UserAccount(name.ToString()!, hash.ToString()!, created);
    }
}
