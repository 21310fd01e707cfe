using System.Collections.Concurrent;

namespace ChatServer.LoadTest.Accounting;

/// <summary>
/// Counts what should arrive and what did: acknowledged messages with their room, and per message how many
/// distinct receivers got it. Lost, duplicated and out-of-order deliveries fall out of these at the end.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<RoomMessage, byte> _acked = new();
    private readonly ConcurrentDictionary<RoomMessage, int> _uniqueReceipts = new();
    private readonly ConcurrentDictionary<string, int> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _outOfOrderByRoom = new(StringComparer.Ordinal);
    private long _delivered;
    private long _duplicates;
    private long _outOfOrder;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public long Acked => _acked.Count;

    /// <summary>A client joined <paramref name="room"/>; every message acknowledged there is expected at it.</summary>
    public void AddMember(string room) => _members.AddOrUpdate(room, 1, (_, n) => n + 1);

    public int MembersOf(string room) => _members.GetValueOrDefault(room);

    public void RecordAck(string room, MessageKey key) => _acked.TryAdd(new RoomMessage(room, key), 0);

    public DeliveryKind RecordDelivery(ReceiverLog receiver, MessageKey key)
    {
        Interlocked.Increment(ref _delivered);
        var kind = receiver.Record(key);
        switch (kind)
        {
            case DeliveryKind.Duplicate:
                Interlocked.Increment(ref _duplicates);
                return kind;
            case DeliveryKind.OutOfOrder:
                Interlocked.Increment(ref _outOfOrder);
                _outOfOrderByRoom.AddOrUpdate(receiver.Room, 1, (_, n) => n + 1);
                break;
        }

        _uniqueReceipts.AddOrUpdate(new RoomMessage(receiver.Room, key), 1, (_, n) => n + 1);
        return kind;
    }

    /// <summary>Expected deliveries still missing right now; the drain phase waits for this to reach zero.</summary>
    public long Outstanding() => Totals().Lost;

    public DeliveryTotals Totals()
    {
        long expected = 0;
        long unique = 0;
        foreach (var (key, _) in _acked)
        {
            var members = MembersOf(key.Room);
            expected += members;
            unique += Math.Min(members, _uniqueReceipts.GetValueOrDefault(key));
        }

        long unexpected = 0;
        foreach (var (key, receipts) in _uniqueReceipts)
        {
            if (!_acked.ContainsKey(key))
            {
                unexpected += receipts;
            }
        }

        return new DeliveryTotals(
            expected,
            Delivered,
            unique,
            expected - unique,
            Duplicates,
            OutOfOrder,
            unexpected,
            new SortedDictionary<string, long>(_outOfOrderByRoom, StringComparer.Ordinal));
    }
}
