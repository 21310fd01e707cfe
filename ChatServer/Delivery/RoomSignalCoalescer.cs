using System.Collections.Concurrent;
using ChatServer.Chat;
using Microsoft.Extensions.Options;

namespace ChatServer.Delivery;

/// <summary>
/// Throttles a user's rapid typing and join/leave changes in a room, so start/stop or join/leave loops cost the room's
/// members two or three events, not hundreds. An end (stopped typing, left) goes out at once; a start goes out at
/// once unless a change went out within <see cref="BroadcastOptions.Window"/>, else it waits, and at the window's end
/// the last state goes out if it differs from the one sent (<see cref="FlushAsync"/>, called by <see cref="RoomSignalFlushService"/>).
/// Members therefore always end with the true state, at most a window late. Per instance: a user's tabs on two
/// instances are folded on each, and the stores' state stays the truth the snapshots read.
/// </summary>
public sealed class RoomSignalCoalescer(IRoomFeed feed, IOptions<BroadcastOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Room, string User, bool Typing), Entry> _entries = new();
    private readonly TimeSpan _window = options.Value.Window;

    /// <summary>Users and rooms with a change in the current window (entries leave once a window passes quietly).</summary>
    public int Count => _entries.Count;

    public Task PublishAsync(RoomSignal signal, CancellationToken cancellationToken)
    {
        if (_window <= TimeSpan.Zero)
        {
            return feed.PublishAsync(signal, cancellationToken);
        }

        var key = (signal.Room, signal.UserName, IsTyping(signal.Kind));
        while (true)
        {
            var entry = _entries.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;   // swept meanwhile: take a fresh one
                }

                var now = time.GetUtcNow();
                if (IsEnd(signal.Kind))
                {
                    // An end (stopped typing, left) goes out at once: clients also end typing on the user's message, so
                    // a held-back stop could leave them believing a later start was already shown.
                    entry.Pending = null;
                    if (entry.Sent == signal.Kind)
                    {
                        return Task.CompletedTask;
                    }

                    entry.Sent = signal.Kind;
                    entry.SentAt = now;
                    return feed.PublishAsync(signal, cancellationToken);
                }

                if (entry.Pending is null && (entry.SentAt is not { } sentAt || now - sentAt >= _window))
                {
                    entry.Sent = signal.Kind;
                    entry.SentAt = now;
                    return feed.PublishAsync(signal, cancellationToken);
                }

                entry.Pending = signal.Kind;
                return Task.CompletedTask;
            }
        }
    }

    /// <summary>Sends the final state of every window that has ended, and forgets quiet entries.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            RoomSignalKind due;
            lock (entry)
            {
                if (entry.SentAt is { } sentAt && now - sentAt < _window)
                {
                    continue;
                }

                if (entry.Pending is not { } pending)
                {
                    entry.Removed = true;
                    _entries.TryRemove(new KeyValuePair<(string, string, bool), Entry>(key, entry));
                    continue;
                }

                entry.Pending = null;
                if (pending == entry.Sent)
                {
                    continue;   // back where the members last heard: nothing to say
                }

                (due, entry.Sent, entry.SentAt) = (pending, pending, now);
            }

            await feed.PublishAsync(new RoomSignal(key.Room, due, key.User), cancellationToken);
        }
    }

    private static bool IsEnd(RoomSignalKind kind) => kind is RoomSignalKind.TypingStopped or RoomSignalKind.Left;

    private static bool IsTyping(RoomSignalKind kind) => kind is RoomSignalKind.TypingStarted or RoomSignalKind.TypingStopped;

    private sealed class Entry
    {
        public RoomSignalKind? Sent { get; set; }

        public DateTimeOffset? SentAt { get; set; }

        public RoomSignalKind? Pending { get; set; }

        public bool Removed { get; set; }
    }
}
