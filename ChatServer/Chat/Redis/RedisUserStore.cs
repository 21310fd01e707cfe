using System.Globalization;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>Accounts as one hash per lower-cased name, created by a script so a name is taken exactly once.</summary>
/// <remarks>StackExchange.Redis takes no cancellation token: the tokens are checked before each round trip.</remarks>
internal sealed class RedisUserStore(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts) : IUserStore
{
    public async Task<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        var created = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.UserCreate,
                keys: [keys.Account(account.UserName)],
                values: [account.UserName, account.PasswordHash, account.CreatedAt.ToString("O", CultureInfo.InvariantCulture)]),
            "create the account",
            cancellationToken);
        return (long)created == 1;
    }

    public async Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        var entries = await redis.RunAsync(db => db.HashGetAllAsync(keys.Account(userName)), "find the account", cancellationToken);
        var fields = entries.ToStringDictionary();
        if (!fields.TryGetValue("name", out var name) || !fields.TryGetValue("hash", out var hash))
        {
            return null;
        }

        var created = fields.TryGetValue("created", out var at) && DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : default;
        return new UserAccount(name, hash, created);
    }
}
