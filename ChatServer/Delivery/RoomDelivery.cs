using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatServer.Chat;
using ChatServer.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace ChatServer.Delivery;

/// <summary>
/// Hands each room's new messages from the <see cref="IRoomMessageFeed"/> to this instance's members of the room:
/// one <see cref="SerializedHubMessage"/> per message (serialized once per hub protocol, not per connection), queued
/// on each member's <see cref="ConnectionOutbox"/>, so no member, and no sender, ever waits on another. The instance
/// listens to a room's feed while it has local members.
/// </summary>
public sealed class RoomDelivery : IDisposable
{
    private readonly IRoomMessageFeed _feed;
    private readonly DeliveryOptions _options;
    private readonly ILogger<RoomDelivery> _logger;
    private readonly Meter _meter;
    private readonly Counter<long> _slowConnectionsClosed;
    private readonly ConcurrentDictionary<string, ConnectionOutbox> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Members> _rooms = new(StringComparer.Ordinal);
    private long _slowClosed;

    // Joins and leaves of one room are serialized (subscribe on the first member, unsubscribe after the last); rooms
    // hashed to different gates proceed in parallel.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public RoomDelivery(IRoomMessageFeed feed, IOptions<DeliveryOptions> options, IMeterFactory meters, ILogger<RoomDelivery> logger)
    {
        _feed = feed;
        _options = options.Value;
        _logger = logger;
        _meter = meters.Create("ChatServer.Delivery");
        _slowConnectionsClosed = _meter.CreateCounter<long>("chat.delivery.slow_connections_closed", description: "Connections closed for falling too far behind their rooms");
    }

    /// <summary>The connections closed so far for being too slow (also the <c>chat.delivery.slow_connections_closed</c> counter).</summary>
    public long SlowConnectionsClosed => Interlocked.Read(ref _slowClosed);

    public void OnConnected(HubConnectionContext connection) =>
        _connections[connection.ConnectionId] = new ConnectionOutbox(connection, _options, OnTooSlow, _logger);

    public async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (!_connections.TryRemove(connection.ConnectionId, out var outbox)) return;
        string[] rooms;
        lock (outbox.Rooms) rooms = [.. outbox.Rooms];
        foreach (var room in rooms)
        {
            await LeaveAsync(room, outbox, CancellationToken.None);
        }
    }

    /// <summary>Starts delivering the room's new messages to a connection held by this instance.</summary>
    public async Task JoinAsync(string room, string connectionId, CancellationToken cancellationToken)
    {
        if (!_connections.TryGetValue(connectionId, out var outbox))
        {
            throw new InvalidOperationException($"Connection {connectionId} is not held by this instance.");
        }

        var gate = GateOf(room);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!_rooms.TryGetValue(room, out var members))
            {
                members = new Members();
                await _feed.SubscribeAsync(room, message => Deliver(members, message), cancellationToken);
                _rooms[room] = members;
            }

            lock (outbox.Rooms)
            {
                if (!outbox.Rooms.Add(room)) return;
            }

            members.Add(outbox);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task LeaveAsync(string room, string connectionId, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(connectionId, out var outbox))
        {
            await LeaveAsync(room, outbox, cancellationToken);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static void Deliver(Members members, ChatMessage message)
    {
        var serialized = new SerializedHubMessage(new InvocationMessage(nameof(IChatClient.MessageReceived), [message]));
        foreach (var outbox in members.Snapshot)
        {
            outbox.Enqueue(serialized);
        }
    }

    private async Task LeaveAsync(string room, ConnectionOutbox outbox, CancellationToken cancellationToken)
    {
        var gate = GateOf(room);
        await gate.WaitAsync(cancellationToken);
        try
        {
            lock (outbox.Rooms)
            {
                if (!outbox.Rooms.Remove(room)) return;
            }

            if (!_rooms.TryGetValue(room, out var members)) return;
            if (members.Remove(outbox) == 0)
            {
                _rooms.TryRemove(room, out _);
                await _feed.UnsubscribeAsync(room, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private void OnTooSlow()
    {
        Interlocked.Increment(ref _slowClosed);
        _slowConnectionsClosed.Add(1);
    }

    private SemaphoreSlim GateOf(string room) => _gates[(StringComparer.Ordinal.GetHashCode(room) & int.MaxValue) % _gates.Length];

    private sealed class Members
    {
        // Replaced (never changed in place) under the room's gate, so delivery reads it without a lock.
        private ConnectionOutbox[] _outboxes = [];

        public ConnectionOutbox[] Snapshot => Volatile.Read(ref _outboxes);

        public void Add(ConnectionOutbox outbox) => Volatile.Write(ref _outboxes, [.. _outboxes, outbox]);

        /// <returns>How many members are left.</returns>
        public int Remove(ConnectionOutbox outbox)
        {
            ConnectionOutbox[] left = [.. _outboxes.Where(member => member != outbox)];
            Volatile.Write(ref _outboxes, left);
            return left.Length;
        }
    }
}
