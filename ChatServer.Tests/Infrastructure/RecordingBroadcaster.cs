using ChatServer.Chat;

namespace ChatServer.Tests.Infrastructure;

/// <summary>Records what the stores ask to deliver, in call order, so contract tests can check ordering.</summary>
internal sealed class RecordingBroadcaster : IChatBroadcaster
{
    private readonly Lock _sync = new();
    private readonly List<ChatMessage> _messages = [];

    public IReadOnlyList<ChatMessage> Messages
    {
        get
        {
            lock (_sync)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The recorded messages once <paramref name="done"/> holds (deliveries may arrive asynchronously, as from Redis).</summary>
    public Task<IReadOnlyList<ChatMessage>> MessagesWhenAsync(Func<IReadOnlyList<ChatMessage>, bool> done, string what) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Messages), done, TimeSpan.FromSeconds(10), what);

    /// <summary>The recorded messages up to the one with <paramref name="text"/>, posted last as a marker.</summary>
    public Task<IReadOnlyList<ChatMessage>> MessagesUntilAsync(string text) =>
        MessagesWhenAsync(messages => messages.Any(m => m.Text == text), $"delivery of '{text}'");

    public Task MessageReceivedAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _messages.Add(message);
        }

        return Task.CompletedTask;
    }

    public Task SubscribeAsync(string connectionId, string room, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UnsubscribeAsync(string connectionId, string room, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UserJoinedAsync(string room, string userName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UserLeftAsync(string room, string userName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DirectRoomActivityAsync(string userName, string room, string fromUser, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TypingChangedAsync(string room, string userName, bool isTyping, IReadOnlyList<string> typistConnectionIds, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
