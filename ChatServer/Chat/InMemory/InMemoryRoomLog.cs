namespace ChatServer.Chat.InMemory;

/// <summary>
/// One room's messages in id order, keeping the newest <c>maxLength</c>, each in its current state; and the changes made
/// to them, as entries whose ids come from the same sequence, so a resume can tell what changed after an id.
/// </summary>
internal sealed class InMemoryRoomLog(int maxLength, TimeProvider timeProvider) : IDisposable
{
    private readonly List<ChatMessage> _messages = [];
    private readonly List<MessageId> _ids = [];
    private readonly List<(MessageId Id, MessageId Target, RoomChangeKind Kind)> _changes = [];
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

    public MessageId? LastEntryId
    {
        get
        {
            lock (_sync)
            {
                return _messages.Count == 0 ? null : _last;
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
            var id = NextId();
            var stored = new ChatMessage(id.ToString(), message.Room, message.User, message.Text, id.Timestamp, message.ClientMessageId, ReplyTo: message.ReplyTo, Mentions: message.Mentions);
            _messages.Add(stored);
            _ids.Add(id);

            // Trim in chunks rather than one by one; reads only ever see the newest maxLength.
            var excess = _messages.Count - maxLength;
            if (excess > Math.Max(1, maxLength / 16))
            {
                _messages.RemoveRange(0, excess);
                _ids.RemoveRange(0, excess);
                _changes.RemoveAll(change => change.Target < _ids[0]);
            }

            return stored;
        }
    }

    /// <summary>Applies <paramref name="change"/>; the entry handed on, or null when nothing changed.</summary>
    public (RoomEntry? Entry, ChatMessage Current) Change(MessageChange change)
    {
        lock (_sync)
        {
            var index = IndexOf(change.Target) ?? throw NotFound(change.Target);
            var next = MessageChangeRules.Apply(_messages[index], change, timeProvider.GetUtcNow().UtcDateTime);
            if (next is null)
            {
                return (null, _messages[index]);
            }

            next = WithReplyExcerpt(next);
            _messages[index] = next;
            var id = NextId();
            _changes.Add((id, change.Target, change.Kind));
            return (new RoomEntry(id, next, change.Kind), next);
        }
    }

    public HistoryPage Before(MessageId? before, int limit)
    {
        lock (_sync)
        {
            var start = FirstVisible;
            var end = before is { } id ? LowerBound(id) : _ids.Count;
            var from = Math.Max(start, end - limit);
            return from >= end ? new HistoryPage([], false) : new HistoryPage([.. _messages.GetRange(from, end - from).Select(WithReplyExcerpt)], from > start);
        }
    }

    public RoomEntries After(MessageId after, int limit)
    {
        lock (_sync)
        {
            if (after.Next() is not { } first)
            {
                return RoomEntries.Empty;
            }

            var from = Math.Max(FirstVisible, LowerBound(first));
            var count = Math.Max(0, Math.Min(limit, _ids.Count - from));
            var hasMore = from + count < _ids.Count;
            var entries = _messages.GetRange(from, count).Select(m => new RoomEntry(MessageId.Parse(m.Id), WithReplyExcerpt(m))).ToList();

            // The changes up to the last message returned (the rest belong to the next read), in their current state.
            var bound = hasMore && count > 0 ? _ids[from + count - 1] : new MessageId(long.MaxValue, long.MaxValue);
            foreach (var (id, target, kind) in _changes)
            {
                if (id > after && id <= bound && IndexOf(target) is { } index)
                {
                    entries.Add(new RoomEntry(id, WithReplyExcerpt(_messages[index]), kind));
                }
            }

            entries.Sort((a, b) => a.Id.CompareTo(b.Id));
            return new RoomEntries(entries, hasMore);
        }
    }

    public int CountUnread(string userName, MessageId? after, int cap)
    {
        lock (_sync)
        {
            var from = after is { } id && id.Next() is { } next ? Math.Max(FirstVisible, LowerBound(next)) : FirstVisible;
            if (after is { } bound && bound.Next() is null) return 0;
            var count = 0;
            for (var i = from; i < _messages.Count && count < cap; i++)
            {
                var message = _messages[i];
                if (!message.IsDeleted && !string.Equals(message.User, userName, StringComparison.OrdinalIgnoreCase)) count++;
            }

            return count;
        }
    }

    /// <summary>The message with <paramref name="id"/> while the history still holds it.</summary>
    public ChatMessage? Find(MessageId id)
    {
        lock (_sync)
        {
            return IndexOf(id) is { } index ? WithReplyExcerpt(_messages[index]) : null;
        }
    }

    public void Dispose() => Gate.Dispose();

    private static ChatException NotFound(MessageId id) => ChatException.NotFound($"No message '{id}' in this room");

    private int FirstVisible => Math.Max(0, _ids.Count - maxLength);

    // Same rule as a Redis stream's auto id: the clock's millisecond, or the last id's plus one sequence when the
    // clock has not moved on (or went backwards).
    private MessageId NextId()
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        _last = now > _last.Milliseconds
            ? new MessageId(now, 0)
            : _last.Next() ?? throw new InvalidOperationException("The room's message ids are exhausted.");
        return _last;
    }

    private int? IndexOf(MessageId id)
    {
        var index = _ids.BinarySearch(id);
        return index >= FirstVisible ? index : null;
    }

    // A reply's excerpt follows the original as it is now (null once it is deleted or trimmed).
    private ChatMessage WithReplyExcerpt(ChatMessage message)
    {
        if (message.ReplyTo is not { } reply) return message;
        var original = IndexOf(MessageId.Parse(reply.Id)) is { } index ? _messages[index] : null;
        return message with { ReplyTo = reply with { Excerpt = ReplyExcerpt.Of(original) } };
    }

    /// <summary>Index of the first id not less than <paramref name="id"/>.</summary>
    private int LowerBound(MessageId id)
    {
        var index = _ids.BinarySearch(id);
        return index >= 0 ? index : ~index;
    }
}
