namespace ChatServer.Chat;

/// <summary>Who is typing where. An entry expires a fixed time after the last <see cref="StartAsync"/>.</summary>
public interface ITypingTracker
{
    /// <summary>Starts or refreshes typing; true when the user was not typing in the room before.</summary>
    Task<bool> StartAsync(string room, string userName, CancellationToken cancellationToken);

    /// <summary>Stops typing; true when the user was typing in the room.</summary>
    Task<bool> StopAsync(string room, string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetTypingAsync(string room, CancellationToken cancellationToken);

    /// <summary>Removes expired entries and returns them, each exactly once across all instances.</summary>
    Task<IReadOnlyList<TypingEntry>> RemoveExpiredAsync(CancellationToken cancellationToken);
}
