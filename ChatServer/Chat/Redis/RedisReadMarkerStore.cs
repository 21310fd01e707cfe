namespace ChatServer.Chat.Redis;

/// <summary>Read markers in one Redis hash per user (room → message id); a marker moves forward in one script call.</summary>
internal sealed class RedisReadMarkerStore(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts) : IReadMarkerStore
{
    public async Task<MessageId?> GetAsync(string userName, string room, CancellationToken cancellationToken)
    {
        var value = await redis.RunAsync(db => db.HashGetAsync(keys.ReadMarkers(userName), room), "read the read marker", cancellationToken);
        return value.IsNull ? null : RoomReadResult.ParseId(value.ToString());
    }

    public async Task<IReadOnlyDictionary<string, MessageId>> GetAllAsync(string userName, CancellationToken cancellationToken)
    {
        var entries = await redis.RunAsync(db => db.HashGetAllAsync(keys.ReadMarkers(userName)), "read the read markers", cancellationToken);
        return entries.ToDictionary(e => e.Name.ToString(), e => RoomReadResult.ParseId(e.Value.ToString()), StringComparer.Ordinal);
    }

    public async Task<bool> AdvanceAsync(string userName, string room, MessageId id, CancellationToken cancellationToken)
    {
        var moved = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.ReadMark, [keys.ReadMarkers(userName)], [room, id.ToString()]), "move the read marker", cancellationToken);
        return (long)moved == 1;
    }
}
