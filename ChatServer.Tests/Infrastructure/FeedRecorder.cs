using ChatServer.Chat;

namespace ChatServer.Tests.Infrastructure;

/// <summary>Records what a room feed hands on, in order, so contract tests can check ordering and exactly-once.</summary>
internal sealed class FeedRecorder
{
    private readonly Lock _sync = new();
    private readonly List<ChatMessage> _messages = [];

    public IReadOnlyList<ChatMessage> Messages
    {
        get
        {
            lock (_sync) return [.. _messages];
        }
    }

    /// <summary>Subscribes a new recorder to <paramref name="room"/> on <paramref name="feed"/>.</summary>
    public static async Task<FeedRecorder> ListenAsync(IRoomMessageFeed feed, string room)
    {
        var recorder = new FeedRecorder();
        await feed.SubscribeAsync(room, recorder.Record, CancellationToken.None);
        return recorder;
    }

    /// <summary>The recorded messages once <paramref name="done"/> holds (a Redis feed hands them on asynchronously).</summary>
    public Task<IReadOnlyList<ChatMessage>> MessagesWhenAsync(Func<IReadOnlyList<ChatMessage>, bool> done, string what) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Messages), done, TimeSpan.FromSeconds(10), what);

    /// <summary>The recorded messages up to the one with <paramref name="text"/>, posted last as a marker.</summary>
    public Task<IReadOnlyList<ChatMessage>> MessagesUntilAsync(string text) =>
        MessagesWhenAsync(messages => messages.Any(m => m.Text == text), $"delivery of '{text}'");

    private void Record(ChatMessage message)
    {
        lock (_sync) _messages.Add(message);
    }
}
