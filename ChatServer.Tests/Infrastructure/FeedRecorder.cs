using ChatServer.Chat;

namespace ChatServer.Tests.Infrastructure;

/// <summary>Records what a room feed hands on, in order, so contract tests can check ordering and exactly-once.</summary>
internal sealed class FeedRecorder : IRoomFeedHandler
{
    private readonly Lock _sync = new();
    private readonly List<ChatMessage> _messages = [];
    private readonly List<RoomSignal> _signals = [];
    private readonly List<RoomEntry> _changes = [];
    private readonly List<string> _entryIds = [];

    public IReadOnlyList<ChatMessage> Messages
    {
        get
        {
            lock (_sync) return [.. _messages];
        }
    }

    /// <summary>The changes handed on, in order.</summary>
    public IReadOnlyList<RoomEntry> Changes
    {
        get
        {
            lock (_sync) return [.. _changes];
        }
    }

    /// <summary>The messages and changes handed on, as one list of ids in delivery order.</summary>
    public IReadOnlyList<string> EntryIds
    {
        get
        {
            lock (_sync) return [.. _entryIds];
        }
    }

    public IReadOnlyList<RoomSignal> Signals
    {
        get
        {
            lock (_sync) return [.. _signals];
        }
    }

    /// <summary>Subscribes a new recorder to <paramref name="room"/> on <paramref name="feed"/>.</summary>
    public static async Task<FeedRecorder> ListenAsync(IRoomFeed feed, string room)
    {
        var recorder = new FeedRecorder();
        await feed.SubscribeAsync(room, recorder, CancellationToken.None);
        return recorder;
    }

    /// <summary>The recorded messages once <paramref name="done"/> holds (a Redis feed hands them on asynchronously).</summary>
    public Task<IReadOnlyList<ChatMessage>> MessagesWhenAsync(Func<IReadOnlyList<ChatMessage>, bool> done, string what) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Messages), done, TimeSpan.FromSeconds(10), what);

    /// <summary>The recorded messages up to the one with <paramref name="text"/>, posted last as a marker.</summary>
    public Task<IReadOnlyList<ChatMessage>> MessagesUntilAsync(string text) =>
        MessagesWhenAsync(messages => messages.Any(m => m.Text == text), $"delivery of '{text}'");

    /// <summary>The recorded signals once one for <paramref name="userName"/> has arrived.</summary>
    public Task<IReadOnlyList<RoomSignal>> SignalsUntilAsync(string userName) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Signals), signals => signals.Any(s => s.UserName == userName), TimeSpan.FromSeconds(10), $"a signal for '{userName}'");

    public void OnMessage(ChatMessage message)
    {
        lock (_sync)
        {
            _messages.Add(message);
            _entryIds.Add(message.Id);
        }
    }

    public void OnChange(RoomEntry change)
    {
        lock (_sync)
        {
            _changes.Add(change);
            _entryIds.Add(change.Id.ToString());
        }
    }

    public void OnSignal(RoomSignal signal)
    {
        lock (_sync) _signals.Add(signal);
    }
}
