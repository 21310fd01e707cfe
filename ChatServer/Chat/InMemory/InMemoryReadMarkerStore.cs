using System.Collections.Concurrent;

namespace ChatServer.Chat.InMemory;

/// <summary>Read markers in process memory. Serves one instance only: the default when no Redis is configured.</summary>
public sealed class InMemoryReadMarkerStore : IReadMarkerStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, MessageId>> _markers = new(StringComparer.OrdinalIgnoreCase);

    public Task<MessageId?> GetAsync(string userName, string room, CancellationToken cancellationToken) =>
        Task.FromResult<MessageId?>(_markers.TryGetValue(userName, out var rooms) && rooms.TryGetValue(room, out var id) ? id : null);

    public Task<IReadOnlyDictionary<string, MessageId>> GetAllAsync(string userName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, MessageId>>(_markers.TryGetValue(userName, out var rooms) ? new Dictionary<string, MessageId>(rooms) : []);

    public Task<bool> AdvanceAsync(string userName, string room, MessageId id, CancellationToken cancellationToken)
    {
        var rooms = _markers.GetOrAdd(userName, static _ => new ConcurrentDictionary<string, MessageId>(StringComparer.Ordinal));
        while (true)
        {
            if (!rooms.TryGetValue(room, out var current))
            {
                if (rooms.TryAdd(room, id)) return Task.FromResult(true);
                continue;
            }

            if (id <= current) return Task.FromResult(false);
            if (rooms.TryUpdate(room, id, current)) return Task.FromResult(true);
        }
    }
}
