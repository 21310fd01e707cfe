using System.Buffers.Text;
using System.Globalization;
using ChatServer.Auth;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// The signing-key ring every instance shares: one hash, key id → <c>{created, unix ms}:{key, base64url}</c>. Keys are
/// added with HSETNX (an id names one key forever) and removed by id, in one transaction per save. What to add and
/// remove is decided by <see cref="KeyRingPolicy"/> on each instance; see <see cref="SigningKeyRingProvider"/>.
/// </summary>
internal sealed class RedisSigningKeyStore(ChatRedisConnection redis, RedisKeys keys) : ISigningKeyStore
{
    public async Task<IReadOnlyList<SigningKey>> ReadAsync(CancellationToken cancellationToken)
    {
        var entries = await redis.RunAsync(db => db.HashGetAllAsync(keys.SigningKeys), "read the signing keys", cancellationToken);
        return [.. entries.Select(entry => Decode(entry.Name!, entry.Value!))];
    }

    public Task SaveAsync(IReadOnlyList<SigningKey> add, IReadOnlyList<string> remove, CancellationToken cancellationToken) =>
        redis.RunAsync(
            async db =>
            {
                var transaction = db.CreateTransaction();
                foreach (var key in add)
                {
                    _ = transaction.HashSetAsync(keys.SigningKeys, key.Id, Encode(key), When.NotExists);
                }

                if (remove.Count > 0)
                {
                    _ = transaction.HashDeleteAsync(keys.SigningKeys, [.. remove.Select(id => (RedisValue)id)]);
                }

                await transaction.ExecuteAsync();
            },
            "save the signing keys",
            cancellationToken);

    private static string Encode(SigningKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.CreatedAt.ToUnixTimeMilliseconds()}:{Base64Url.EncodeToString(key.Material)}");

    private static SigningKey Decode(string id, string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var created))
        {
            throw new InvalidDataException($"Signing key {id} in Redis is not '<unix ms>:<base64url key>'.");
        }

        return new SigningKey(id, Base64Url.DecodeFromChars(value.AsSpan(colon + 1)), DateTimeOffset.FromUnixTimeMilliseconds(created));
    }
}
