using ChatServer.Chat.Redis;
using StackExchange.Redis;

namespace ChatServer.Tests.Jobs;

/// <summary>Fills a room's history stream fast, for export tests: no hub calls, no scripts.</summary>
internal static class RedisRoomSeeder
{
    /// <summary>
    /// Pipelined XADDs on one connection (the fields the message store writes): Redis runs them in order, so the ids
    /// come back ascending. Returns them in order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(IDatabase db, string prefix, string room, string user, int count, Func<int, string> text)
    {
        var keys = new RedisKeys(prefix);
        var adds = Enumerable.Range(0, count)
            .Select(i => db.StreamAddAsync(keys.RoomStream(room), [new("user", user), new("text", text(i)), new("cmid", "")]))
            .ToList();
        var ids = await Task.WhenAll(adds);
        await db.SetAddAsync(keys.RoomsWithHistory, room);
        return [.. ids.Select(id => id.ToString())];
    }
}
