using ChatServer.Contracts;

namespace ChatServer.Client;

/// <summary>
/// The last message seen in each joined room, so a reconnect can resume from it, and the hold that keeps live
/// messages in order with a join's snapshot: while a <c>JoinRoom</c> call is in flight, live messages of that room
/// wait here and are released only if they are newer than what the snapshot brought.
/// </summary>
internal sealed class RoomCursors
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Cursor> _rooms = new(StringComparer.Ordinal);

    /// <summary>The joined rooms and the id of the last message seen in each (null before any).</summary>
    public IReadOnlyList<(string Room, string? LastSeenId)> Snapshot()
    {
        lock (_sync)
        {
            return [.. _rooms.Select(pair => (pair.Key, pair.Value.Last?.ToString()))];
        }
    }

    /// <summary>Starts holding live messages of <paramref name="room"/>; returns the last id seen there (null if none).</summary>
    public string? BeginJoin(string room)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(room, out var cursor))
            {
                _rooms[room] = cursor = new Cursor();
            }

            cursor.Held ??= [];
            return cursor.Last?.ToString();
        }
    }

    /// <summary>
    /// Ends the hold with the join's snapshot. Returns, oldest first, what the application has not seen yet: when
    /// <paramref name="includeSnapshot"/> (a resume), the snapshot's messages after the last seen id, then the held
    /// live messages newer than everything before them. Without <paramref name="useSnapshot"/> (joining again a room
    /// whose events the application already follows) the snapshot is only the caller's, and the events go on unchanged.
    /// </summary>
    public IReadOnlyList<ChatMessage> CompleteJoin(string room, RoomSnapshot snapshot, bool useSnapshot, bool includeSnapshot)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(room, out var cursor))
            {
                return [];
            }

            var unseen = new List<ChatMessage>();
            foreach (var message in useSnapshot ? snapshot.Messages : [])
            {
                if (Advance(cursor, message) && includeSnapshot)
                {
                    unseen.Add(message);
                }
            }

            foreach (var message in cursor.Held ?? [])
            {
                if (Advance(cursor, message))
                {
                    unseen.Add(message);
                }
            }

            cursor.Held = null;
            return unseen;
        }
    }

    /// <summary>A join failed: a room joined only by this call is forgotten; held messages are released.</summary>
    public IReadOnlyList<ChatMessage> FailJoin(string room, bool wasJoined)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(room, out var cursor))
            {
                return [];
            }

            var held = cursor.Held ?? [];
            cursor.Held = null;
            if (!wasJoined)
            {
                _rooms.Remove(room);
                return held;
            }

            return [.. held.Where(message => Advance(cursor, message))];
        }
    }

    /// <summary>True when a live message should reach the application now (it is new and its room is not mid-join).</summary>
    public bool AcceptLive(ChatMessage message)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(message.Room, out var cursor))
            {
                return true;
            }

            if (cursor.Held is { } held)
            {
                held.Add(message);
                return false;
            }

            return Advance(cursor, message);
        }
    }

    public bool IsJoined(string room)
    {
        lock (_sync)
        {
            return _rooms.ContainsKey(room);
        }
    }

    public void Forget(string room)
    {
        lock (_sync)
        {
            _rooms.Remove(room);
        }
    }

    // Ids only grow within a room, so anything at or below the last seen one is a repeat (snapshot and live overlap).
    private static bool Advance(Cursor cursor, ChatMessage message)
    {
        if (!MessageId.TryParse(message.Id, out var id) || (cursor.Last is { } last && id <= last))
        {
            return false;
        }

        cursor.Last = id;
        return true;
    }

    private sealed class Cursor
    {
        public MessageId? Last { get; set; }

        public List<ChatMessage>? Held { get; set; }
    }
}
