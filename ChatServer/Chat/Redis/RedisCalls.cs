using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>Turns Redis being unreachable into the chat's "unavailable" error, which callers see as a clear message.</summary>
internal static class RedisCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (RedisConnectionException exception)
        {
            throw ChatException.Unavailable($"Chat storage is unavailable, could not {what}; try again shortly", exception);
        }
        catch (RedisTimeoutException exception)
        {
            throw ChatException.Unavailable($"Chat storage did not answer in time, could not {what}; try again shortly", exception);
        }
    }
}
