using System.Security.Cryptography;
using ChatServer.Auth;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// One token-signing key for every instance: the first instance stores a random key (<c>SET NX</c>), all read it.
/// Read once per process and kept; a failed read is retried on the next request.
/// </summary>
internal sealed class RedisTokenSigningKeyStore(ChatRedisConnection redis, RedisKeys keys) : ITokenSigningKeyStore
{
    private readonly Lock _sync = new();
    private Task<byte[]>? _key;

    public async ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        Task<byte[]> key;
        lock (_sync)
        {
            if (_key is null || _key.IsFaulted || _key.IsCanceled)
            {
                // Not tied to one caller's token: the result is shared by every later request.
                _key = LoadAsync();
            }

            key = _key;
        }

        return await key.WaitAsync(cancellationToken);
    }

    private Task<byte[]> LoadAsync() =>
        redis.RunAsync(
            async db =>
            {
                await db.StringSetAsync(keys.TokenSigningKey, RandomNumberGenerator.GetBytes(32), when: When.NotExists);
                var stored = await db.StringGetAsync(keys.TokenSigningKey);
                return (byte[]?)stored is { Length: >= 32 } bytes ? bytes : throw new InvalidDataException("The stored token signing key is too short.");
            },
            "read the token signing key",
            CancellationToken.None);
}
