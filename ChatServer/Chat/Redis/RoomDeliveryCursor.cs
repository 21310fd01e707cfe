namespace ChatServer.Chat.Redis;

/// <summary>
/// Which of one room's messages this instance has handed to its local members, so that a replay from the room's
/// stream (after the subscriber socket was away) and the live records arriving meanwhile are each delivered once,
/// in id order. While a replay runs, live records are held here; the replay hands them out after the stream is
/// read, and live delivery resumes only when nothing is held.
/// </summary>
internal sealed class RoomDeliveryCursor(int heldCapacity)
{
    private readonly Lock _lock = new();
    private readonly List<(MessageId Id, ChatMessage Message)> _held = [];
    private MessageId? _delivered;
    private MessageId? _floor;
    private bool _floorKnown;
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

    /// <summary>A live record: true when it is to be delivered now; false when it is a repeat or held for a replay.</summary>
    public bool TryAcceptLive(MessageId id, ChatMessage message)
    {
        lock (_lock)
        {
            if (_replaying)
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
    public IReadOnlyList<ChatMessage> TakeHeld(out MessageId? rereadAfter)
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

            var release = new List<ChatMessage>(_held.Count);
            foreach (var (id, message) in _held)
            {
                if (Advance(id)) release.Add(message);
            }

            _held.Clear();
            if (release.Count == 0) _replaying = false;
            return release;
        }
    }

    /// <summary>A replay that failed part-way: live delivery resumes; the next replay starts from what was delivered.</summary>
    public void AbandonReplay()
    {
        lock (_lock)
        {
            _replaying = false;
            _heldOverflowed = false;
            _held.Clear();
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
