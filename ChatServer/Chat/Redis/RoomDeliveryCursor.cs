namespace ChatServer.Chat.Redis;

/// <summary>
/// Which of one room's messages this instance has handed to its local members, so that a replay from the room's
/// stream (after the subscriber socket was away) and the live records arriving meanwhile are each delivered once,
/// in id order. From the moment the subscriber is lost until its replay has caught up, live records are held here
/// (else the first one after the re-subscription would move the cursor past the gap); the replay hands them out
/// after the stream is read, and live delivery resumes only when nothing is held.
/// </summary>
/// <typeparam name="T">What is delivered: the room's entries (messages and changes), each with its id.</typeparam>
internal sealed class RoomDeliveryCursor<T>(int heldCapacity)
{
    private readonly Lock _lock = new();
    private readonly List<(MessageId Id, T Item)> _held = [];
    private MessageId? _delivered;
    private MessageId? _floor;
    private bool _floorKnown;
    private bool _holding;
    private bool _replaying;
    private bool _heldOverflowed;

    /// <summary>
    /// The room's newest id when this instance subscribed (null: the room had no messages). Older messages reached
    /// the members through history, not through this instance, so a replay never goes below it.
    /// </summary>
    public void SetFloor(MessageId? newest)
    {
        lock (_lock)
        {
            _floor = newest;
            _floorKnown = true;
        }
    }

    /// <summary>
    /// The subscriber socket is gone: hold live records from now until a replay has caught up. Not when nothing is
    /// known of where this instance stands, as no replay could then release them.
    /// </summary>
    public void MarkGap()
    {
        lock (_lock)
        {
            if (_floorKnown || _delivered is not null) _holding = true;
        }
    }

    /// <summary>A live record: true when it is to be delivered now; false when it is a repeat or held for a replay.</summary>
    public bool TryAcceptLive(MessageId id, T message)
    {
        lock (_lock)
        {
            if (_holding)
            {
                // Bounded: past the cap the replay reads the stream once more instead.
                if (_held.Count < heldCapacity) _held.Add((id, message));
                else _heldOverflowed = true;
                return false;
            }

            return Advance(id);
        }
    }

    /// <summary>
    /// Starts a replay; <paramref name="after"/> is where to read the stream from (exclusive). False when a replay
    /// already runs, or when nothing is known of where this instance stands (no floor and nothing delivered).
    /// </summary>
    public bool TryBeginReplay(out MessageId after)
    {
        lock (_lock)
        {
            after = default;
            if (_replaying || (!_floorKnown && _delivered is null)) return false;
            _replaying = true;
            _holding = true;

            // What is held so far was published before the stream read that follows, which will return it.
            _held.Clear();
            _heldOverflowed = false;
            after = ReplayBound();
            return true;
        }
    }

    /// <summary>A message read from the stream during a replay: true when it was not delivered yet.</summary>
    public bool TryAcceptReplayed(MessageId id)
    {
        lock (_lock) return Advance(id);
    }

    /// <summary>
    /// After the stream was read to its end: the held live messages not yet delivered, marked delivered. An empty
    /// list ends the replay (live delivery resumes at once, so nothing can overtake). When records were dropped
    /// because too many were held, <paramref name="rereadAfter"/> says where to read the stream again from.
    /// </summary>
    public IReadOnlyList<T> TakeHeld(out MessageId? rereadAfter)
    {
        lock (_lock)
        {
            rereadAfter = null;
            if (_heldOverflowed)
            {
                _heldOverflowed = false;
                _held.Clear();
                rereadAfter = ReplayBound();
                return [];
            }

            var release = new List<T>(_held.Count);
            foreach (var (id, message) in _held)
            {
                if (Advance(id)) release.Add(message);
            }

            _held.Clear();
            if (release.Count == 0) _replaying = _holding = false;
            return release;
        }
    }

    /// <summary>
    /// A replay that failed part-way (Redis away again): live records stay held, and the next replay, which the
    /// caller must start, reads on from what was delivered (it returns what is held now as well).
    /// </summary>
    public void AbandonReplay()
    {
        lock (_lock)
        {
            _replaying = false;
        }
    }

    private MessageId ReplayBound()
    {
        var bound = _delivered ?? default;
        return _floor is { } floor && floor > bound ? floor : bound;
    }

    private bool Advance(MessageId id)
    {
        if (_delivered is { } delivered && id <= delivered) return false;
        _delivered = id;
        return true;
    }
}
