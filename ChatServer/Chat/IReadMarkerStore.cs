namespace ChatServer.Chat;

/// <summary>Each user's read marker per room: the newest message they have read there. Markers only move forward.</summary>
public interface IReadMarkerStore
{
    Task<MessageId?> GetAsync(string userName, string room, CancellationToken cancellationToken);

    /// <summary>Every room the user has a marker in.</summary>
    Task<IReadOnlyDictionary<string, MessageId>> GetAllAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Moves the marker to <paramref name="id"/> when that is newer; true when it moved.</summary>
    Task<bool> AdvanceAsync(string userName, string room, MessageId id, CancellationToken cancellationToken);
}
