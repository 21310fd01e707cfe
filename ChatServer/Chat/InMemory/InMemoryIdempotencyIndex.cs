using System.Collections.Concurrent;

namespace ChatServer.Chat.InMemory;

/// <summary>
/// Remembers which message each <c>(user, clientMessageId)</c> produced, for a fixed window. A claim is a
/// task so that a retry racing the first post waits for it instead of posting twice.
/// </summary>
internal sealed class InMemoryIdempotencyIndex(TimeProvider timeProvider, TimeSpan window)
{
    private readonly ConcurrentDictionary<(string User, string ClientMessageId), TaskCompletionSource<ChatMessage>> _claims = new();
    private readonly ConcurrentQueue<(DateTimeOffset ExpiresAt, (string, string) Key)> _expiries = new();

    public (Task<ChatMessage> Claim, bool IsFirst) Claim(string user, string clientMessageId)
    {
        RemoveExpired();
        var mine = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var winner = _claims.GetOrAdd((user.ToLowerInvariant(), clientMessageId), mine);
        return (winner.Task, ReferenceEquals(winner, mine));
    }

    public void Complete(string user, string clientMessageId, Task<ChatMessage> claim, ChatMessage message)
    {
        var key = (user.ToLowerInvariant(), clientMessageId);
        if (_claims.TryGetValue(key, out var source) && source.Task == claim)
        {
            source.TrySetResult(message);
            _expiries.Enqueue((timeProvider.GetUtcNow() + window, key));
        }
    }

    /// <summary>The first post failed: forget the claim so a retry can post, and fail whoever waited on it.</summary>
    public void Abandon(string user, string clientMessageId, Task<ChatMessage> claim, Exception exception)
    {
        var key = (user.ToLowerInvariant(), clientMessageId);
        if (_claims.TryGetValue(key, out var source) && source.Task == claim && _claims.TryRemove(new KeyValuePair<(string, string), TaskCompletionSource<ChatMessage>>(key, source)))
        {
            source.TrySetException(exception);
        }
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        while (_expiries.TryPeek(out var head) && head.ExpiresAt <= now && _expiries.TryDequeue(out head))
        {
            _claims.TryRemove(head.Key, out _);
        }
    }
}
