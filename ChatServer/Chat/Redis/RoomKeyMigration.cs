using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Renames each room's history keys from the layout before they carried the room as a hash tag
/// (<c>chat:room:&lt;room&gt;:messages|state|changed</c>) to the tagged one (<c>chat:room:{&lt;room&gt;}:…</c>), for
/// every room in <c>chat:rooms</c>, before the instance takes traffic. A key moves only when the old one exists and
/// the new one does not (<c>RENAMENX</c>), so the pass is idempotent and instances starting at once cannot lose or
/// merge history: the first rename wins, the others find nothing to move. A marker key ends the pass for later starts.
/// </summary>
/// <remarks>
/// Not carried over: typing keys (seconds-long) are simply dropped. The idempotency keys (<c>chat:sent:…</c>) keep
/// their names: they are the user's, not the room's.
/// On Redis Cluster there is nothing to move: the old layout's scripts could never run there.
/// </remarks>
internal sealed class RoomKeyMigration(ChatRedisConnection redis, RedisKeys keys, ILogger<RoomKeyMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await redis.GetMultiplexerAsync();
        if (multiplexer.GetServers().Any(server => server.ServerType == ServerType.Cluster))
        {
            ChatRedisLog.RoomKeyMigrationSkipped(logger, "Redis Cluster");
            return;
        }

        var db = multiplexer.GetDatabase();
        if (await redis.RunAsync(d => d.KeyExistsAsync(keys.RoomKeysMigrated), "check the key layout", cancellationToken))
        {
            return;
        }

        var (rooms, moved, conflicts) = (0, 0, 0);
        await foreach (var member in db.SetScanAsync(keys.RoomsWithHistory, pageSize: 500).WithCancellation(cancellationToken))
        {
            var room = member.ToString();
            rooms++;
            var (legacy, current) = (keys.LegacyRoomHistoryKeys(room), keys.RoomHistoryKeys(room));
            var roomMoved = 0;
            for (var i = 0; i < legacy.Length; i++)
            {
                switch (await MoveAsync(legacy[i], current[i], cancellationToken))
                {
                    case Outcome.Moved:
                        roomMoved++;
                        break;
                    case Outcome.Conflict:
                        conflicts++;
                        ChatRedisLog.RoomKeyConflict(logger, legacy[i], current[i]);
                        break;
                }
            }

            if (roomMoved > 0) ChatRedisLog.RoomKeysMoved(logger, room, roomMoved);
            moved += roomMoved;
        }

        // Marked done only without conflicts: they are reported again at the next start until someone resolves them.
        if (conflicts == 0)
        {
            await redis.RunAsync(d => d.StringSetAsync(keys.RoomKeysMigrated, DateTimeOffset.UtcNow.ToString("O")), "mark the key layout", cancellationToken);
        }

        ChatRedisLog.RoomKeyMigrationDone(logger, rooms, moved, conflicts);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Outcome> MoveAsync(string legacy, string current, CancellationToken cancellationToken)
    {
        if (!await redis.RunAsync(db => db.KeyExistsAsync(legacy), "check the key layout", cancellationToken))
        {
            return Outcome.Nothing;
        }

        try
        {
            var renamed = await redis.RunAsync(db => db.KeyRenameAsync(legacy, current, When.NotExists), "rename a room key", cancellationToken);
            return renamed ? Outcome.Moved : Outcome.Conflict;
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("ERR no such key", StringComparison.Ordinal))
        {
            // Another instance starting at the same moment moved it between the two calls.
            return Outcome.Nothing;
        }
    }

    private enum Outcome
    {
        Nothing,
        Moved,
        Conflict,
    }
}
