using ChatServer.Contracts;

namespace ChatServer.Samples.ConsoleChat;

/// <summary>
/// What the session knows about each joined room: who is online (from the join snapshot, then from UserJoined and
/// UserLeft events, which arrive on SignalR's threads) and where its history paging stands.
/// </summary>
internal sealed class JoinedRooms
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    /// <summary>The joined rooms.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_sync)
            {
                return [.. _rooms.Keys];
            }
        }
    }

    public bool Contains(string room)
    {
        lock (_sync)
        {
            return _rooms.ContainsKey(room);
        }
    }

    /// <summary>Starts (or restarts) tracking a room from its join snapshot.</summary>
    public void Add(RoomSnapshot snapshot)
    {
        lock (_sync)
        {
            _rooms[snapshot.Room] = new Room(
                new SortedSet<string>(snapshot.Online, StringComparer.OrdinalIgnoreCase),
                snapshot.HasMore && snapshot.Messages.Count > 0 ? snapshot.Messages[0].Id : null);
        }
    }

    public void Remove(string room)
    {
        lock (_sync)
        {
            _rooms.Remove(room);
        }
    }

    public void SetOnline(string room, string userName, bool online)
    {
        lock (_sync)
        {
            if (_rooms.TryGetValue(room, out var state))
            {
                _ = online ? state.Online.Add(userName) : state.Online.Remove(userName);
            }
        }
    }

    public IReadOnlyList<string> Online(string room)
    {
        lock (_sync)
        {
            return _rooms.TryGetValue(room, out var state) ? [.. state.Online] : [];
        }
    }

    /// <summary>
    /// The id to page back from: the oldest message shown, or null when nothing older exists (the join snapshot or
    /// the last page said so). Messages that arrived live are newer than the snapshot, so they never matter here.
    /// </summary>
    public string? OlderThan(string room)
    {
        lock (_sync)
        {
            return _rooms.TryGetValue(room, out var state) ? state.OlderThan : null;
        }
    }

    /// <summary>Records a page of older history: paging goes on from its first message while it says there is more.</summary>
    public void Paged(string room, HistoryPage page)
    {
        lock (_sync)
        {
            if (_rooms.TryGetValue(room, out var state))
            {
                state.OlderThan = page.HasMore && page.Messages.Count > 0 ? page.Messages[0].Id : null;
            }
        }
    }

    private sealed class Room(SortedSet<string> online, string? olderThan)
    {
        public SortedSet<string> Online { get; } = online;

        public string? OlderThan { get; set; } = olderThan;
    }
}
