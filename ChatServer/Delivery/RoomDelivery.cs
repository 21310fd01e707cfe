using System.Collections.Concurrent;
using ChatServer.Chat;
using ChatServer.Hubs;
using ChatServer.Metrics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace ChatServer.Delivery;

/// <summary>
/// Hands what the <see cref="IRoomFeed"/> brings for a room (messages, presence, typing) to this instance's members of
/// the room: one <see cref="SerializedHubMessage"/> per item (serialized once per hub protocol, not per connection),
/// queued on each member's <see cref="ConnectionOutbox"/>, so no member, and no sender, ever waits on another. The
/// instance listens to a room's feed while it has local members.
/// </summary>
public sealed class RoomDelivery
{
    private readonly IRoomFeed _feed;
    private readonly DeliveryOptions _options;
    private readonly ILogger<RoomDelivery> _logger;
    private readonly ChatMetrics _metrics;
    private readonly ConcurrentDictionary<string, ConnectionOutbox> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Members> _rooms = new(StringComparer.Ordinal);
    private long _slowClosed;

    // Joins and leaves of one room are serialized (subscribe on the first member, unsubscribe after the last); rooms
    // hashed to different gates proceed in parallel.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public RoomDelivery(IRoomFeed feed, IOptions<DeliveryOptions> options, ChatMetrics metrics, ILogger<RoomDelivery> logger)
    {
        _feed = feed;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The connections closed so far for being too slow (also <c>chat_slow_consumer_disconnects_total</c>).</summary>
    public long SlowConnectionsClosed => Interlocked.Read(ref _slowClosed);

    /// <summary>The connections this instance holds now.</summary>
    internal IReadOnlyList<ConnectionOutbox> Connections => [.. _connections.Values];

    public void OnConnected(HubConnectionContext connection) =>
        _connections[connection.ConnectionId] = new ConnectionOutbox(connection, _options, OnTooSlow, _metrics, _logger);

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
                await _feed.SubscribeAsync(room, members, cancellationToken);
                _rooms[room] = members;
            }

            lock (outbox.Rooms)
            {
                if (!outbox.Rooms.Add(room)) return;
            }

            members.Add(outbox);
            _metrics.RoomJoined();
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

            _metrics.RoomLeft();

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
        _metrics.SlowConsumerDisconnected();
    }

    private SemaphoreSlim GateOf(string room) => _gates[(StringComparer.Ordinal.GetHashCode(room) & int.MaxValue) % _gates.Length];

    /// <summary>A room's local members, and the feed's handler for the room.</summary>
    private sealed class Members : IRoomFeedHandler
    {
        // Replaced (never changed in place) under the room's gate, so delivery reads it without a lock.
        private ConnectionOutbox[] _outboxes = [];

        public ConnectionOutbox[] Snapshot => Volatile.Read(ref _outboxes);

        public void Add(ConnectionOutbox outbox) => Volatile.Write(ref _outboxes, [.. _outboxes, outbox]);

        public void OnMessage(ChatMessage message) =>
            Deliver(new InvocationMessage(nameof(IChatClient.MessageReceived), [message]), skipUser: null, storedAt: message.SentAt);

        public void OnChange(RoomEntry change)
        {
            var message = change.Message;
            var invocation = change.Change switch
            {
                RoomChangeKind.Edited => new InvocationMessage(nameof(IChatClient.MessageEdited), [message]),
                RoomChangeKind.Deleted => new InvocationMessage(nameof(IChatClient.MessageDeleted), [message.Room, message.Id]),
                _ => new InvocationMessage(nameof(IChatClient.ReactionsChanged), [message.Room, message.Id, message.Reactions?.ToArray() ?? []]),
            };
            Deliver(invocation, skipUser: null);
        }

        public void OnSignal(RoomSignal signal)
        {
            var (room, user) = (signal.Room, signal.UserName);
            switch (signal.Kind)
            {
                case RoomSignalKind.Joined:
                    Deliver(new InvocationMessage(nameof(IChatClient.UserJoined), [room, user]), skipUser: null);
                    break;
                case RoomSignalKind.Left:
                    Deliver(new InvocationMessage(nameof(IChatClient.UserLeft), [room, user]), skipUser: null);
                    break;
                case RoomSignalKind.TypingStarted or RoomSignalKind.TypingStopped:
                    // To the room's other users: the typist's own connections are skipped.
                    Deliver(new InvocationMessage(nameof(IChatClient.TypingChanged), [room, user, signal.Kind == RoomSignalKind.TypingStarted]), skipUser: user);
                    break;
            }
        }

        /// <returns>How many members are left.</returns>
        public int Remove(ConnectionOutbox outbox)
        {
            ConnectionOutbox[] left = [.. _outboxes.Where(member => member != outbox)];
            Volatile.Write(ref _outboxes, left);
            return left.Length;
        }

        /// <param name="storedAt">For a chat message, when it was stored (its delivery is counted and timed); null for presence and typing.</param>
        private void Deliver(InvocationMessage invocation, string? skipUser, DateTime? storedAt = null)
        {
            var serialized = new SerializedHubMessage(invocation);
            foreach (var outbox in Snapshot)
            {
                if (skipUser is null || !string.Equals(outbox.UserName, skipUser, StringComparison.OrdinalIgnoreCase))
                {
                    outbox.Enqueue(serialized, storedAt);
                }
            }
        }
    }
}
