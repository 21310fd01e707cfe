using System.Threading.Channels;
using ChatServer.Client;

namespace ChatServer.Tests.Infrastructure;

/// <summary>A hub connection that records every event it receives, in arrival order, for the test to await.</summary>
internal sealed class RecordedConnection : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<HubEvent> _events = Channel.CreateUnbounded<HubEvent>();
    private readonly List<HubEvent> _seen = [];

    public RecordedConnection(ChatClient hub)
    {
        Hub = hub;
        hub.MessageReceived += message => _events.Writer.TryWrite(new HubEvent.Message(message));
        hub.UserJoined += (room, user) => _events.Writer.TryWrite(new HubEvent.Joined(room, user));
        hub.UserLeft += (room, user) => _events.Writer.TryWrite(new HubEvent.Left(room, user));
        hub.TypingChanged += (room, user, isTyping) => _events.Writer.TryWrite(new HubEvent.Typing(room, user, isTyping));
        hub.DirectRoomActivity += (room, from) => _events.Writer.TryWrite(new HubEvent.DirectActivity(room, from));
        hub.MessageEdited += message => _events.Writer.TryWrite(new HubEvent.Edited(message));
        hub.MessageDeleted += (room, id) => _events.Writer.TryWrite(new HubEvent.Deleted(room, id));
        hub.ReactionsChanged += (room, id, reactions) => _events.Writer.TryWrite(new HubEvent.Reactions(room, id, reactions));
        hub.Mentioned += (room, message) => _events.Writer.TryWrite(new HubEvent.Mentioned(room, message));
        hub.ReadMarkerChanged += (room, id) => _events.Writer.TryWrite(new HubEvent.ReadMarker(room, id));
        hub.MessageUpdated += message => _events.Writer.TryWrite(new HubEvent.Updated(message));
        hub.JobUpdated += status => _events.Writer.TryWrite(new HubEvent.Job(status));
    }

    public ChatClient Hub { get; }

    /// <summary>Every event consumed so far by the Next/WaitFor methods.</summary>
    public IReadOnlyList<HubEvent> Seen => _seen;

    /// <summary>Waits for the first event matching <paramref name="match"/>, consuming the events before it.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : HubEvent
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(cancellation.Token);
                _seen.Add(next);
                if (next is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }
        }
        catch (OperationCanceledException exception) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"No {typeof(T).Name} event arrived; seen: [{string.Join(", ", _seen)}]", exception);
        }
    }

    /// <summary>The message events received up to and including the one with <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<ChatMessage>> MessagesUntilAsync(string text)
    {
        if (!_seen.OfType<HubEvent.Message>().Any(m => m.Value.Text == text))
        {
            await WaitForAsync<HubEvent.Message>(m => m.Value.Text == text);
        }

        return [.. _seen.OfType<HubEvent.Message>().Select(m => m.Value)];
    }

    /// <summary>Waits until <paramref name="count"/> messages of <paramref name="room"/> have arrived (consuming events up to the last).</summary>
    public async Task WaitForMessagesAsync(string room, int count, TimeSpan timeout)
    {
        var received = _seen.OfType<HubEvent.Message>().Count(m => m.Value.Room == room);
        for (; received < count; received++)
        {
            await WaitForAsync<HubEvent.Message>(m => m.Value.Room == room, timeout);
        }
    }

    public async ValueTask DisposeAsync() => await Hub.DisposeAsync();
}

/// <summary>One event the server sent to a connection.</summary>
internal abstract record HubEvent
{
    public sealed record Message(ChatMessage Value) : HubEvent;

    public sealed record Joined(string Room, string User) : HubEvent;

    public sealed record Left(string Room, string User) : HubEvent;

    public sealed record Typing(string Room, string User, bool IsTyping) : HubEvent;

    public sealed record DirectActivity(string Room, string From) : HubEvent;

    public sealed record Edited(ChatMessage Value) : HubEvent;

    public sealed record Deleted(string Room, string Id) : HubEvent;

    public sealed record Reactions(string Room, string Id, Reaction[] Value) : HubEvent;

    public sealed record Mentioned(string Room, ChatMessage Value) : HubEvent;

    public sealed record ReadMarker(string Room, string Id) : HubEvent;

    /// <summary>ChatClient's resume: a held message changed while away.</summary>
    public sealed record Updated(ChatMessage Value) : HubEvent;

    public sealed record Job(JobStatus Status) : HubEvent;
}
