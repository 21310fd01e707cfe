using System.Collections.Concurrent;
using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.InMemory;

/// <summary>
/// Message history in process memory, and its own room feed. Serves one instance only: the default when no Redis is
/// configured. Each room has an async gate so that appending and handing on happen in id order.
/// </summary>
public sealed class InMemoryMessageStore(
    IOptions<HistoryOptions> options,
    ITypingTracker typing,
    IRateLimiter rateLimiter,
    TimeProvider timeProvider,
    IOptions<MemoryOptions> memory) : IMessageStore, IRoomFeed, IDisposable
{
    private readonly int _maxRooms = memory.Value.MaxRooms;

    private readonly ConcurrentDictionary<string, InMemoryRoomLog> _rooms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IRoomFeedHandler> _subscribers = new(StringComparer.Ordinal);
    private readonly InMemoryIdempotencyIndex _sent = new(timeProvider, TimeSpan.FromSeconds(options.Value.IdempotencyWindowSeconds), options.Value.IdempotencyMaxKeys);
    private readonly int _maxLength = options.Value.MaxLength;

    public async Task<PostedMessage> PostAsync(NewMessage message, CancellationToken cancellationToken)
    {
        if (message.ClientMessageId is null)
        {
            await DrawBudgetsAsync(message, cancellationToken);
            return new PostedMessage(await AppendAndDeliverAsync(message, cancellationToken), IsDuplicate: false, await EndTypingAsync(message, cancellationToken));
        }

        // The first post of (user, clientMessageId) claims the key; a concurrent or later retry awaits the
        // same message id and delivers nothing.
        var (claim, isFirst) = _sent.Claim(message.User, message.ClientMessageId);
        if (!isFirst)
        {
            var id = await claim.WaitAsync(cancellationToken);
            // As in Redis mode: the stored message while the history holds it, else what the retry sent.
            var first = _rooms.TryGetValue(message.Room, out var log) ? log.Find(id) : null;
            return new PostedMessage(first ?? new ChatMessage(id.ToString(), message.Room, message.User, message.Text, id.Timestamp, message.ClientMessageId, ReplyTo: message.ReplyTo, Mentions: message.Mentions), IsDuplicate: true);
        }

        try
        {
            await DrawBudgetsAsync(message, cancellationToken);
            var stored = await AppendAndDeliverAsync(message, cancellationToken);
            _sent.Complete(message.User, message.ClientMessageId, claim, MessageId.Parse(stored.Id));
            return new PostedMessage(stored, IsDuplicate: false, await EndTypingAsync(message, cancellationToken));
        }
        catch (Exception exception)
        {
            _sent.Abandon(message.User, message.ClientMessageId, claim, exception);
            throw;
        }
    }

    public Task<HistoryPage> GetBeforeAsync(string room, MessageId? before, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(_rooms.TryGetValue(room, out var log) ? log.Before(before, limit) : HistoryPage.Empty);

    public Task<RoomEntries> GetAfterAsync(string room, MessageId after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(_rooms.TryGetValue(room, out var log) ? log.After(after, limit) : RoomEntries.Empty);

    public Task<ChatMessage?> FindAsync(string room, MessageId id, CancellationToken cancellationToken) =>
        Task.FromResult(_rooms.TryGetValue(room, out var log) ? log.Find(id) : null);

    public Task<MessageId?> GetLastEntryIdAsync(string room, CancellationToken cancellationToken) =>
        Task.FromResult(_rooms.TryGetValue(room, out var log) ? log.LastEntryId : null);

    public Task<int> CountUnreadAsync(string room, string userName, MessageId? after, int cap, CancellationToken cancellationToken) =>
        Task.FromResult(_rooms.TryGetValue(room, out var log) ? log.CountUnread(userName, after, cap) : 0);

    public async Task<ChangedMessage> ChangeAsync(MessageChange change, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(change.Room, out var log))
        {
            throw ChatException.NotFound($"No message '{change.Target}' in this room");
        }

        await log.Gate.WaitAsync(cancellationToken);
        try
        {
            var (entry, current) = log.Change(change);

            // Handed on inside the gate, like a new message: one order for the room's messages and changes.
            if (entry is not null && _subscribers.TryGetValue(change.Room, out var handler)) handler.OnChange(entry);
            return new ChangedMessage(current, entry is not null);
        }
        finally
        {
            log.Gate.Release();
        }
    }

    public Task<long> CountAsync(string room, CancellationToken cancellationToken) =>
        Task.FromResult(_rooms.TryGetValue(room, out var log) ? (long)log.Count : 0);

    public Task<IReadOnlyList<string>> GetRoomsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _rooms.Where(r => !r.Value.IsEmpty).Select(r => r.Key)]);

    public Task SubscribeAsync(string room, IRoomFeedHandler handler, CancellationToken cancellationToken)
    {
        _subscribers[room] = handler;
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(string room, CancellationToken cancellationToken)
    {
        _subscribers.TryRemove(room, out _);
        return Task.CompletedTask;
    }

    public Task PublishAsync(RoomSignal signal, CancellationToken cancellationToken)
    {
        if (_subscribers.TryGetValue(signal.Room, out var handler)) handler.OnSignal(signal);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var log in _rooms.Values)
        {
            log.Dispose();
        }
    }

    // As in Redis mode, every budget is looked at before any is drawn from, so a refused send costs no budget (two
    // sends racing for one budget's last token may still draw from the other: a token at most).
    private async Task DrawBudgetsAsync(NewMessage message, CancellationToken cancellationToken)
    {
        if (message.Budgets is not { Count: > 0 } budgets) return;
        foreach (var budget in budgets)
        {
            var peeked = await rateLimiter.PeekAsync(budget.Bucket, budget.Policy, cancellationToken);
            if (!peeked.Allowed) throw ChatException.RateLimited(peeked.RetryAfter);
        }

        foreach (var budget in budgets)
        {
            var drawn = await rateLimiter.TryAcquireAsync(budget.Bucket, budget.Policy, cancellationToken);
            if (!drawn.Allowed) throw ChatException.RateLimited(drawn.RetryAfter);
        }
    }

    private Task<bool> EndTypingAsync(NewMessage message, CancellationToken cancellationToken) =>
        typing.StopAsync(message.Room, message.User, cancellationToken);

    /// <summary>How many rooms have a log now.</summary>
    public int RoomCount => _rooms.Count;

    private async Task<ChatMessage> AppendAndDeliverAsync(NewMessage message, CancellationToken cancellationToken)
    {
        if (_rooms.Count >= _maxRooms && !_rooms.ContainsKey(message.Room))
        {
            throw ChatException.Unavailable(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"This server keeps the history of at most {_maxRooms} rooms; write in an existing room"));
        }

        var log = _rooms.GetOrAdd(message.Room, static (_, state) => new InMemoryRoomLog(state.MaxLength, state.Clock), (MaxLength: _maxLength, Clock: timeProvider));
        await log.Gate.WaitAsync(cancellationToken);
        try
        {
            var stored = log.Append(message);

            // Handed on inside the gate: the next message of this room is not handed on before this one.
            if (_subscribers.TryGetValue(message.Room, out var handler)) handler.OnMessage(stored);
            return stored;
        }
        finally
        {
            log.Gate.Release();
        }
    }
}
