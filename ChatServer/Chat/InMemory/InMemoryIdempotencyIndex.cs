using System.Collections.Concurrent;

namespace ChatServer.Chat.InMemory;

/// <summary>
/// Remembers which message id each <c>(user, clientMessageId)</c> produced, for a window and up to a number of keys
/// (the oldest go first). Only the id is kept, never the message: the text stays where the history keeps it, for as
/// long as it does. A claim is a task so that a retry racing the first post waits for it instead of posting twice.
/// </summary>
internal sealed class InMemoryIdempotencyIndex(TimeProvider timeProvider, TimeSpan window, int maxKeys)
{
    private readonly ConcurrentDictionary<(string User, string ClientMessageId), TaskCompletionSource<MessageId>> _claims = new();
    private readonly ConcurrentQueue<(DateTimeOffset ExpiresAt, (string, string) Key)> _expiries = new();

    /// <summary>How many keys are remembered now.</summary>
    public int Count => _claims.Count;

    public (Task<MessageId> Claim, bool IsFirst) Claim(string user, string clientMessageId)
    {
        RemoveExpired();
        var mine = new TaskCompletionSource<MessageId>(TaskCreationOptions.RunContinuationsAsynchronously);
        var winner = _claims.GetOrAdd((user.ToLowerInvariant(), clientMessageId), mine);
        return (winner.Task, ReferenceEquals(winner, mine));
    }

    public void Complete(string user, string clientMessageId, Task<MessageId> claim, MessageId id)
    {
        var key = (user.ToLowerInvariant(), clientMessageId);
        if (_claims.TryGetValue(key, out var source) && source.Task == claim)
        {
            source.TrySetResult(id);
            _expiries.Enqueue((timeProvider.GetUtcNow() + window, key));
        }
    }

    /// <summary>The first post failed: forget the claim so a retry can post, and fail whoever waited on it.</summary>
    public void Abandon(string user, string clientMessageId, Task<MessageId> claim, Exception exception)
    {
        var key = (user.ToLowerInvariant(), clientMessageId);
        if (_claims.TryGetValue(key, out var source) && source.Task == claim && _claims.TryRemove(new KeyValuePair<(string, string), TaskCompletionSource<MessageId>>(key, source)))
        {
            source.TrySetException(exception);
        }
    }

    // Completed keys leave in completion order: when their window ends, or early while there are too many.
    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        while (_expiries.TryPeek(out var head) && (head.ExpiresAt <= now || _claims.Count >= maxKeys) && _expiries.TryDequeue(out head))
        {
            _claims.TryRemove(head.Key, out _);
        }
    }
}
