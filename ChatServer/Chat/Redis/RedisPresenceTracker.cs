using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Presence in Redis sets, shared by every instance: per room its online users and, per user, the connections
/// (on any instance) that joined it. Each connection is recorded under the instance that holds it, so when an
/// instance dies its connections can be swept by a survivor (<see cref="PresenceLeaseService"/>).
/// </summary>
internal sealed class RedisPresenceTracker(ChatRedisConnection redis, RedisKeys keys, ChatRedisScripts scripts, ServerInfo server) : IPresenceTracker
{
    private readonly LocalConnections _local = new();

    public async Task<bool> ConnectAsync(string userName, string connectionId, int maxConnections, CancellationToken cancellationToken)
    {
        var opened = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.ConnectionOpen,
                keys: [keys.UserConnections(userName), keys.ConnectionOwner(connectionId), keys.InstanceConnections(server.InstanceId)],
                values: [userName, connectionId, server.InstanceId, maxConnections]),
            "record the connection",
            cancellationToken);
        return (long)opened == 1;
    }

    /// <summary>Every join and leave of a connection runs on the instance that holds it: its own record answers.</summary>
    public Task<int> CountRoomsAsync(string connectionId, CancellationToken cancellationToken) => Task.FromResult(_local.RoomCount(connectionId));

    public async Task<bool> JoinAsync(string room, string userName, string connectionId, CancellationToken cancellationToken)
    {
        var first = await RecordJoinAsync(room, userName, connectionId, cancellationToken);
        _local.Joined(connectionId, userName, room);
        return first;
    }

    public async Task<bool> LeaveAsync(string room, string userName, string connectionId, CancellationToken cancellationToken)
    {
        _local.Left(connectionId, room);
        var last = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.PresenceLeave,
                keys: [keys.RoomUsers(room), keys.RoomUserConnections(room, userName), keys.ConnectionRooms(connectionId), keys.OnlineCounts],
                values: [room, userName, connectionId]),
            "leave the room",
            cancellationToken);
        return (long)last == 1;
    }

    public async Task<IReadOnlyList<RoomDeparture>> DisconnectAsync(string userName, string connectionId, CancellationToken cancellationToken)
    {
        _local.Disconnected(connectionId);
        try
        {
            return await RemoveConnectionAsync(server.InstanceId, userName, connectionId, cancellationToken);
        }
        catch (ChatException)
        {
            _local.DisconnectNotRecorded(connectionId, userName);
            throw;
        }
    }

    /// <summary>Records the disconnects that failed while Redis was unreachable; returns what they announce.</summary>
    public async Task<IReadOnlyList<SweptConnection>> RecordPendingDisconnectsAsync(CancellationToken cancellationToken)
    {
        var recorded = new List<SweptConnection>();
        foreach (var (connectionId, user) in _local.UnrecordedDisconnects())
        {
            recorded.Add(new SweptConnection(user, connectionId, await RemoveConnectionAsync(server.InstanceId, user, connectionId, cancellationToken)));
            _local.DisconnectRecorded(connectionId);
        }

        return recorded;
    }

    /// <summary>
    /// Records every connection this instance holds again, after Redis lost them (a restart without persistence)
    /// or a survivor swept them while this instance was paused. Returns how many room memberships were restored.
    /// </summary>
    public async Task<int> RestoreLocalConnectionsAsync(CancellationToken cancellationToken)
    {
        var memberships = _local.Snapshot();
        foreach (var (connectionId, user, room) in memberships)
        {
            await RecordJoinAsync(room, user, connectionId, cancellationToken);
        }

        return memberships.Count;
    }

    /// <summary>
    /// Every join and leave of a connection runs on the instance that holds it, so this instance's own record
    /// answers for its connections (every send and typing call asks) without a round trip; Redis answers for others.
    /// </summary>
    public Task<bool> IsJoinedAsync(string room, string connectionId, CancellationToken cancellationToken) =>
        _local.IsJoined(connectionId, room) is { } joined
            ? Task.FromResult(joined)
            : redis.RunAsync(db => db.SetContainsAsync(keys.ConnectionRooms(connectionId), room), "check membership", cancellationToken);

    public async Task<IReadOnlyList<string>> GetOnlineUsersAsync(string room, CancellationToken cancellationToken)
    {
        var users = await redis.RunAsync(db => db.SetMembersAsync(keys.RoomUsers(room)), "list who is online", cancellationToken);
        return [.. users.Select(user => user.ToString()).Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<string>> GetConnectionsAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var connections = await redis.RunAsync(db => db.SetMembersAsync(keys.RoomUserConnections(room, userName)), "list connections", cancellationToken);
        return [.. connections.Select(connection => connection.ToString())];
    }

    public async Task<IReadOnlyDictionary<string, int>> GetOnlineCountsAsync(CancellationToken cancellationToken)
    {
        var counts = await redis.RunAsync(db => db.SortedSetRangeByScoreWithScoresAsync(keys.OnlineCounts, 1, double.PositiveInfinity), "count who is online", cancellationToken);
        return counts.ToDictionary(entry => entry.Element.ToString(), entry => (int)entry.Score, StringComparer.Ordinal);
    }

    /// <summary>Renews this instance's lease; true when it had none (first start, or it was swept as dead).</summary>
    public async Task<bool> RenewLeaseAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var added = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.LeaseRenew, keys: [keys.InstanceLeases], values: [server.InstanceId, (long)lease.TotalMilliseconds]), "renew the lease", cancellationToken);
        return (long)added == 1;
    }

    /// <summary>Gives up this instance's lease at a clean shutdown.</summary>
    public Task ReleaseLeaseAsync(CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.SortedSetRemoveAsync(keys.InstanceLeases, server.InstanceId), "release the lease", cancellationToken);

    /// <summary>Claims one instance whose lease ran out (exactly one survivor claims each), or null.</summary>
    public async Task<string?> ClaimDeadInstanceAsync(CancellationToken cancellationToken)
    {
        var claimed = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(scripts.InstanceSweep, keys: [keys.InstanceLeases], values: [server.InstanceId]), "claim a dead instance", cancellationToken);
        return claimed.IsNull ? null : (string?)claimed;
    }

    /// <summary>
    /// Removes every connection recorded under <paramref name="instanceId"/>: a dead instance's, or this instance's
    /// own left over from before a restart. Returns who left which rooms entirely.
    /// </summary>
    public async Task<IReadOnlyList<SweptConnection>> RemoveInstanceConnectionsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var swept = new List<SweptConnection>();
        foreach (var connection in await redis.RunAsync(db => db.SetMembersAsync(keys.InstanceConnections(instanceId)), "list an instance's connections", cancellationToken))
        {
            var connectionId = connection.ToString();
            var user = (string?)await redis.RunAsync(db => db.HashGetAsync(keys.ConnectionOwner(connectionId), "user"), "find a connection's user", cancellationToken);
            if (user is null)
            {
                await redis.RunAsync(db => db.SetRemoveAsync(keys.InstanceConnections(instanceId), connectionId), "forget a connection", cancellationToken);
                continue;
            }

            swept.Add(new SweptConnection(user, connectionId, await RemoveConnectionAsync(instanceId, user, connectionId, cancellationToken)));
        }

        return swept;
    }

    private async Task<bool> RecordJoinAsync(string room, string userName, string connectionId, CancellationToken cancellationToken)
    {
        var first = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.PresenceJoin,
                keys: [keys.RoomUsers(room), keys.RoomUserConnections(room, userName), keys.ConnectionRooms(connectionId), keys.ConnectionOwner(connectionId), keys.InstanceConnections(server.InstanceId), keys.OnlineCounts],
                values: [room, userName, connectionId, server.InstanceId]),
            "join the room",
            cancellationToken);
        return (long)first == 1;
    }

    private async Task<IReadOnlyList<RoomDeparture>> RemoveConnectionAsync(string instanceId, string userName, string connectionId, CancellationToken cancellationToken)
    {
        var reply = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                scripts.PresenceDisconnect,
                keys: [keys.ConnectionRooms(connectionId), keys.ConnectionOwner(connectionId), keys.InstanceConnections(instanceId), keys.OnlineCounts],
                values: [keys.Prefix, userName, connectionId]),
            "record the disconnect",
            cancellationToken);

        // A flat list: room, left (0/1), room, left, …
        var flat = (RedisResult[]?)reply ?? [];
        var departures = new RoomDeparture[flat.Length / 2];
        for (var i = 0; i < departures.Length; i++)
        {
            departures[i] = new RoomDeparture((string)flat[2 * i]!, UserLeft: (long)flat[(2 * i) + 1] == 1);
        }

        return departures;
    }
}
