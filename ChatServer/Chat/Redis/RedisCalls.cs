using ChatServer.Metrics;
using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Every store's way to Redis: runs a call against the instance's database and turns Redis being unreachable into
/// the chat's "unavailable" error, which callers see as a clear message. StackExchange.Redis takes no cancellation
/// token (a command, once queued, runs), so the caller's token is checked before anything is sent. Each failure is
/// counted by kind (<c>chat_redis_errors_total</c>), whoever made the call: a send, a join, a background loop.
/// </summary>
internal static class RedisCalls
{
    public static async Task<T> RunAsync<T>(this ChatRedisConnection redis, Func<IDatabase, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call(await redis.GetDatabaseAsync());
        }
        catch (RedisConnectionException exception)
        {
            // A connection that met LOADING while (re)connecting fails with this type too, naming the reason.
            redis.Metrics.RedisError(exception.FailureType == ConnectionFailureType.Loading ? RedisFailureKind.Loading : RedisFailureKind.Connection);
            throw ChatException.Unavailable($"Chat storage is unavailable, could not {what}; try again shortly", exception);
        }
        catch (RedisTimeoutException exception)
        {
            redis.Metrics.RedisError(RedisFailureKind.Timeout);
            throw ChatException.Unavailable($"Chat storage did not answer in time, could not {what}; try again shortly", exception);
        }
        catch (RedisServerException exception) when (IsLoading(exception))
        {
            redis.Metrics.RedisError(RedisFailureKind.Loading);
            throw ChatException.Unavailable($"Chat storage is starting up, could not {what}; try again shortly", exception);
        }
        catch (ObjectDisposedException exception)
        {
            // The multiplexer is closed: this host is shutting down (a last lease release or disconnect arrives late).
            redis.Metrics.RedisError(RedisFailureKind.Closed);
            throw ChatException.Unavailable($"Chat storage is closed, could not {what}: the server is shutting down", exception);
        }
    }

    /// <summary>Redis answers LOADING while it reads its data back after a restart.</summary>
    public static bool IsLoading(RedisServerException exception) =>
        exception.Message.StartsWith("LOADING", StringComparison.Ordinal);

    public static Task RunAsync(this ChatRedisConnection redis, Func<IDatabase, Task> call, string what, CancellationToken cancellationToken) =>
        redis.RunAsync(
            async db =>
            {
                await call(db);
                return true;
            },
            what,
            cancellationToken);
}
