namespace ChatServer.LoadTest.Accounting;

/// <summary>
/// What one receiver (one client connection, across its reconnects) saw in one room: every id once, and the
/// newest so far. Receipts for one connection arrive one at a time, but a reconnect can overlap, hence the lock.
/// </summary>
internal sealed class ReceiverLog(string room)
{
    private readonly HashSet<MessageKey> _seen = [];
    private readonly Lock _gate = new();
    private MessageKey _newest;
    private bool _any;

    public string Room { get; } = room;

    public DeliveryKind Record(MessageKey key)
    {
        lock (_gate)
        {
            if (!_seen.Add(key))
            {
                return DeliveryKind.Duplicate;
            }

            if (_any && key < _newest)
            {
                return DeliveryKind.OutOfOrder;
            }

            _newest = key;
            _any = true;
            return DeliveryKind.InOrder;
        }
    }
}
