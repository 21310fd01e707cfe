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
                values: [account.UserName, account.PasswordHash, account.CreatedAt.ToString("O", CultureInfo.InvariantCulture), account.Id, account.SecurityStamp]),
            "create the account",
            cancellationToken);
        return (long)created == 1;
    }

    public async Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        var entries = await redis.RunAsync(db => db.HashGetAllAsync(keys.Account(userName)), "find the account", cancellationToken);
        var fields = entries.ToStringDictionary();
        if (fields.Count > 0 && !fields.ContainsKey("id"))
        {
            fields = await UpgradeAsync(userName, cancellationToken);
        }

        return Read(fields);
    }

    /// <summary>An account stored before accounts had ids gets one now, the same for every instance that reads it.</summary>
    private async Task<Dictionary<string, string>> UpgradeAsync(string userName, CancellationToken cancellationToken)
    {
        var result = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.UserUpgrade, keys: [keys.Account(userName)], values: [UserAccount.NewId(), UserAccount.NewSecurityStamp()]),
            "upgrade the account",
            cancellationToken);
        var flat = (RedisResult[]?)result ?? [];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            fields[(string)flat[i]!] = (string)flat[i + 1]!;
        }

        return fields;
    }

    private static UserAccount? Read(Dictionary<string, string> fields)
    {
        if (!fields.TryGetValue("name", out var name) || !fields.TryGetValue("hash", out var hash)
            || !fields.TryGetValue("id", out var id) || !fields.TryGetValue("stamp", out var stamp))
        {
            return null;
        }

        var created = fields.TryGetValue("created", out var at) && DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : default;
        return new UserAccount(id, name, hash, stamp, created);
    }
}
