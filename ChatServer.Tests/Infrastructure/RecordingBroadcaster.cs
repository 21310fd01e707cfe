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

    public Task TypingChangedAsync(string room, string userName, bool isTyping, IReadOnlyList<string> typistConnectionIds, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
