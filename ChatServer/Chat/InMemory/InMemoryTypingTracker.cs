using ChatServer.Chat.Options;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat.InMemory;

/// <summary>Typing state in process memory, with an expiry per entry. Serves one instance only.</summary>
public sealed class InMemoryTypingTracker(IOptions<TypingOptions> options, TimeProvider timeProvider) : ITypingTracker
{
    private readonly Dictionary<TypingEntry, DateTimeOffset> _expiries = [];
    private readonly Lock _sync = new();
    private readonly TimeSpan _expiry = options.Value.Expiry;

    public Task<bool> StartAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_sync)
        {
            var entry = new TypingEntry(room, userName);
            var wasTyping = _expiries.TryGetValue(entry, out var expiresAt) && expiresAt > now;
            _expiries[entry] = now + _expiry;
            return Task.FromResult(!wasTyping);
        }
    }

    public Task<bool> StopAsync(string room, string userName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_sync)
        {
            return Task.FromResult(_expiries.Remove(new TypingEntry(room, userName), out var expiresAt) && expiresAt > now);
        }
    }

    public Task<IReadOnlyList<string>> GetTypingAsync(string room, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                [.. _expiries.Where(e => e.Key.Room == room && e.Value > now).Select(e => e.Key.User).Order(StringComparer.Ordinal)]);
        }
    }

    public Task<IReadOnlyList<TypingEntry>> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_sync)
        {
            var expired = _expiries.Where(e => e.Value <= now).Select(e => e.Key).ToList();
            foreach (var entry in expired)
            {
                _expiries.Remove(entry);
            }

            return Task.FromResult<IReadOnlyList<TypingEntry>>(expired);
        }
    }
}
