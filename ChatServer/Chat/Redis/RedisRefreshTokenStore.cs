using System.Globalization;
using ChatServer.Auth;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Refresh-token families in Redis, shared by every instance: a hash per family (<c>user</c>, <c>account</c>,
/// <c>stamp</c>, <c>current</c> token hash, <c>expires</c> in unix ms) that expires with its current token, and a
/// marker per replaced token that expires when that token would have. Rotation and revocation are Lua scripts.
/// </summary>
internal sealed class RedisRefreshTokenStore(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, TimeProvider time) : IRefreshTokenStore
{
    public Task CreateAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = keys.RefreshFamily(family.Id);
        var lifetime = expiresAt - time.GetUtcNow();
        return redis.RunAsync(
            async db =>
            {
                var transaction = db.CreateTransaction();
                _ = transaction.HashSetAsync(key,
                [
                    new HashEntry("user", family.UserName),
                    new HashEntry("account", family.AccountId),
                    new HashEntry("stamp", family.SecurityStamp),
                    new HashEntry("current", tokenHash),
                    new HashEntry("expires", expiresAt.ToUnixTimeMilliseconds()),
                ]);
                _ = transaction.KeyExpireAsync(key, lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromMilliseconds(1));
                await transaction.ExecuteAsync();
            },
            "start the session",
            cancellationToken);
    }

    public async Task<RefreshTokenRotation> RotateAsync(string familyId, string presentedHash, string nextHash, DateTimeOffset nextExpiresAt, CancellationToken cancellationToken)
    {
        var result = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.RefreshRotate,
                keys: [keys.RefreshFamily(familyId), keys.RefreshTokenReplaced(familyId, presentedHash)],
                values: [presentedHash, nextHash, nextExpiresAt.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds()]),
            "refresh the session",
            cancellationToken);
        var fields = (string?[]?)result ?? [];
        var outcome = fields.Length > 0 ? fields[0] : null;
        return outcome switch
        {
            "rotated" => new RefreshTokenRotation(RefreshTokenOutcome.Rotated, Family(familyId, fields)),
            "reused" => new RefreshTokenRotation(RefreshTokenOutcome.Reused, Family(familyId, fields)),
            _ => RefreshTokenRotation.Invalid,
        };
    }

    public async Task<bool> RevokeAsync(string familyId, string presentedHash, string userName, CancellationToken cancellationToken)
    {
        var revoked = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.RefreshRevoke,
                keys: [keys.RefreshFamily(familyId), keys.RefreshTokenReplaced(familyId, presentedHash)],
                values: [presentedHash, userName.ToLowerInvariant()]),
            "end the session",
            cancellationToken);
        return (long)revoked == 1;
    }

    private static RefreshTokenFamily Family(string familyId, string?[] fields) =>
        fields.Length >= 4 && fields[1] is { } user && fields[2] is { } account && fields[3] is { } stamp
            ? new RefreshTokenFamily(familyId, user, account, stamp)
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Refresh family {familyId} is missing fields."));
}
