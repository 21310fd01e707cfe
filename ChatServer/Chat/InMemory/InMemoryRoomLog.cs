namespace ChatServer.Chat.InMemory;

/// <summary>One room's messages in id order, keeping the newest <c>maxLength</c>.</summary>
internal sealed class InMemoryRoomLog(int maxLength, TimeProvider timeProvider) : IDisposable
{
    private readonly List<ChatMessage> _messages = [];
    private readonly List<MessageId> _ids = [];
    private readonly Lock _sync = new();
    private MessageId _last;

    /// <summary>Held while appending and delivering, so delivery follows id order.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool IsEmpty
    {
        get
        {
            lock (_sync)
            {
                return _messages.Count == 0;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _messages.Count;
            }
        }
    }

    public ChatMessage Append(NewMessage message)
    {
        lock (_sync)
        {
            // Same rule as a Redis stream's auto id: the clock's millisecond, or the last id's plus one sequence
            // when the clock has not moved on (or went backwards).
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            _last = now > _last.Milliseconds
                ? new MessageId(now, 0)
                : _last.Next() ?? throw new InvalidOperationException("The room's message ids are exhausted.");
            var stored = new ChatMessage(_last.ToString(), message.Room, message.User, message.Text, _last.Timestamp, message.ClientMessageId);
            _messages.Add(stored);
            _ids.Add(_last);

            // Trim in chunks rather than one by one; reads only ever see the newest maxLength.
            var excess = _messages.Count - maxLength;
            if (excess > Math.Max(1, maxLength / 16))
            {
                _messages.RemoveRange(0, excess);
                _ids.RemoveRange(0, excess);
            }

            return stored;
        }
    }

    public HistoryPage Before(MessageId? before, int limit)
    {
        lock (_sync)
        {
            var start = FirstVisible;
            var end = before is { } id ? LowerBound(id) : _ids.Count;
            var from = Math.Max(start, end - limit);
            return from >= end ? new HistoryPage([], false) : new HistoryPage(_messages.GetRange(from, end - from), from > start);
        }
    }

    public HistoryPage After(MessageId after, int limit)
    {
        lock (_sync)
        {
            if (after.Next() is not { } first)
            {
                return HistoryPage.Empty;
            }

            var from = Math.Max(FirstVisible, LowerBound(first));
            var count = Math.Min(limit, _ids.Count - from);
            return count <= 0 ? new HistoryPage([], false) : new HistoryPage(_messages.GetRange(from, count), from + count < _ids.Count);
        }
    }

    /// <summary>The message with <paramref name="id"/> while the history still holds it.</summary>
    public ChatMessage? Find(MessageId id)
    {
        lock (_sync)
        {
            var index = _ids.BinarySearch(id);
            return index >= FirstVisible ? _messages[index] : null;
        }
    }

    public void Dispose() => Gate.Dispose();

    private int FirstVisible => Math.Max(0, _ids.Count - maxLength);

    /// <summary>Index of the first id not less than <paramref name="id"/>.</summary>
    private int LowerBound(MessageId id)
    {
        var index = _ids.BinarySearch(id);
        return index >= 0 ? index : ~index;
    }
}
