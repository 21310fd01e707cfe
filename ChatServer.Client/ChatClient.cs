using ChatServer.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Client;

/// <summary>
/// A connection to ChatServer's hub with a method for every hub method and a .NET event for every hub event. It
/// remembers the last message seen in each joined room; after an automatic reconnect it rejoins them from there
/// (<see cref="ResumeAsync"/>) and raises <see cref="MessageReceived"/> for what was missed, in order, once each.
/// </summary>
/// <example>
/// <code>
/// await using var chat = new ChatClient(new ChatClientOptions { ServerUri = new("http://127.0.0.1:8080/"), AccessTokenProvider = _ => Task.FromResult&lt;string?&gt;(token) });
/// chat.MessageReceived += message => Console.WriteLine($"{message.User}: {message.Text}");
/// await chat.StartAsync();
/// await chat.JoinRoomAsync("lobby");
/// await chat.SendMessageAsync("lobby", "hello");
/// </code>
/// </example>
public sealed partial class ChatClient : IAsyncDisposable
{
    /// <summary>Where the hub is mapped on the server.</summary>
    public const string HubPath = "/hubs/chat";

    private readonly ChatClientOptions _options;
    private readonly RoomCursors _rooms = new();

    // Incomplete from a connection loss until its rooms are rejoined, so a send made meanwhile waits for the resume
    // instead of reaching the new connection before its JoinRoom ("Join the room before sending").
    private TaskCompletionSource _resumed = Completed();

    /// <summary>Builds the connection; nothing is sent until <see cref="StartAsync"/>.</summary>
    public ChatClient(ChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Connection = BuildConnection(options);
        Connection.On<ChatMessage>(nameof(IChatClient.MessageReceived), OnMessageReceived);
        Connection.On<string, string>(nameof(IChatClient.UserJoined), (room, user) => UserJoined?.Invoke(room, user));
        Connection.On<string, string>(nameof(IChatClient.UserLeft), (room, user) => UserLeft?.Invoke(room, user));
        Connection.On<string, string, bool>(nameof(IChatClient.TypingChanged), (room, user, isTyping) => TypingChanged?.Invoke(room, user, isTyping));
        Connection.On<string, string>(nameof(IChatClient.DirectRoomActivity), (room, from) => DirectRoomActivity?.Invoke(room, from));
        RegisterChangeEvents();
        Connection.On<JobStatus>(nameof(IChatClient.JobUpdated), status => JobUpdated?.Invoke(status));
        Connection.Reconnecting += error =>
        {
            if (_options.ResumeOnReconnect && Volatile.Read(ref _resumed).Task.IsCompleted)
            {
                Volatile.Write(ref _resumed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            Reconnecting?.Invoke(error);
            return Task.CompletedTask;
        };
        Connection.Reconnected += OnReconnectedAsync;
        Connection.Closed += error =>
        {
            // Waiting calls go on and fail on the closed connection rather than wait for a resume that will not come.
            Volatile.Read(ref _resumed).TrySetResult();
            Closed?.Invoke(error);
            return Task.CompletedTask;
        };
    }

    /// <summary>A message in a joined room (the caller's own included), or one missed while disconnected; never twice.</summary>
    public event Action<ChatMessage>? MessageReceived;

    /// <summary>A user's first connection joined a room: (room, userName).</summary>
    public event Action<string, string>? UserJoined;

    /// <summary>A user's last connection left a room, or dropped: (room, userName).</summary>
    public event Action<string, string>? UserLeft;

    /// <summary>Another user started or stopped typing: (room, userName, isTyping).</summary>
    public event Action<string, string, bool>? TypingChanged;

    /// <summary>A direct message arrived in a room this user has joined on no connection: (room, fromUser).</summary>
    public event Action<string, string>? DirectRoomActivity;

    /// <summary>A background job of this user's (an export) changed status or made progress, from any instance or worker.</summary>
    public event Action<JobStatus>? JobUpdated;

    /// <summary>The connection was lost and is being re-established (the error, if any).</summary>
    public event Action<Exception?>? Reconnecting;

    /// <summary>The connection is back and, when <see cref="ChatClientOptions.ResumeOnReconnect"/>, every room was rejoined.</summary>
    public event Action? Reconnected;

    /// <summary>A room could not be rejoined after a reconnect (e.g. it is no longer allowed): (room, error).</summary>
    public event Action<string, Exception>? ResumeFailed;

    /// <summary>The connection closed for good: stopped, or reconnecting gave up (the error, if any).</summary>
    public event Action<Exception?>? Closed;

    /// <summary>The SignalR connection underneath, for what this wrapper does not cover.</summary>
    public HubConnection Connection { get; }

    /// <summary>Connected, connecting, reconnecting or disconnected.</summary>
    public HubConnectionState State => Connection.State;

    /// <summary>The rooms this client has joined, each with the id of the last message it saw there.</summary>
    public IReadOnlyList<(string Room, string? LastSeenId)> JoinedRooms => _rooms.Snapshot();

    /// <summary>Connects (negotiate, then the best transport both sides allow).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Connection.StartAsync(cancellationToken);

    /// <summary>Disconnects; joined rooms are forgotten by the server (and kept here for a later <see cref="ResumeAsync"/>).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Connection.StopAsync(cancellationToken);

    /// <summary>
    /// Joins <paramref name="room"/>. With <paramref name="sinceId"/> null the snapshot holds the latest 50 messages,
    /// otherwise every message after it (at most 500). Live messages that arrive while the call is in flight are raised
    /// only if the snapshot did not already contain them.
    /// </summary>
    public async Task<RoomSnapshot> JoinRoomAsync(string room, string? sinceId = null, CancellationToken cancellationToken = default)
    {
        var (snapshot, _) = await JoinTrackedAsync(room, sinceId, resume: false, cancellationToken);
        return snapshot;
    }

    /// <summary>Leaves <paramref name="room"/> on this connection.</summary>
    public async Task LeaveRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        await Connection.InvokeAsync(nameof(IChatHub.LeaveRoom), room, cancellationToken);
        _rooms.Forget(room);
    }

    /// <summary>
    /// Sends <paramref name="text"/> to a joined room and returns it as stored. Give a <paramref name="clientMessageId"/>
    /// to make a retry safe: the server stores it once and returns the first copy again. While the client reconnects
    /// (with <see cref="ChatClientOptions.ResumeOnReconnect"/>) the call waits until the rooms are rejoined; bound the
    /// wait with <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<ChatMessage> SendMessageAsync(string room, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        return await Connection.InvokeAsync<ChatMessage>(nameof(IChatHub.SendMessage), room, text, clientMessageId, cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> (1..100, default 50) messages before <paramref name="beforeId"/> (null: the latest), oldest first.</summary>
    public Task<HistoryPage> GetHistoryAsync(string room, string? beforeId = null, int? limit = null, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<HistoryPage>(nameof(IChatHub.GetHistory), room, beforeId, limit, cancellationToken);

    /// <summary>Tells the room's other users this user is typing (for 5 s, or until <see cref="StopTypingAsync"/> or a send).</summary>
    public async Task StartTypingAsync(string room, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        await Connection.InvokeAsync(nameof(IChatHub.StartTyping), room, cancellationToken);
    }

    /// <summary>Ends this user's typing in <paramref name="room"/>.</summary>
    public async Task StopTypingAsync(string room, CancellationToken cancellationToken = default)
    {
        await WhenResumedAsync(cancellationToken);
        await Connection.InvokeAsync(nameof(IChatHub.StopTyping), room, cancellationToken);
    }

    /// <summary>The direct room with <paramref name="userName"/> (<c>dm:{a}:{b}</c>); join it to chat.</summary>
    public Task<string> OpenDirectRoomAsync(string userName, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<string>(nameof(IChatHub.OpenDirectRoom), userName, cancellationToken);

    /// <summary>The rooms with members or history, and how many users are online in each.</summary>
    public Task<RoomInfo[]> ListRoomsAsync(CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<RoomInfo[]>(nameof(IChatHub.ListRooms), cancellationToken);

    /// <summary>A page of the room list, busiest first; pass the previous page's <see cref="RoomPage.NextCursor"/> for the next.</summary>
    public Task<RoomPage> ListRoomsPageAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<RoomPage>(nameof(IChatHub.ListRoomsPage), limit, cursor, cancellationToken);

    /// <summary>Which instance holds this connection, and the connection's id there.</summary>
    public Task<HubConnectionInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<HubConnectionInfo>(nameof(IChatHub.GetServerInfo), cancellationToken);

    /// <summary>
    /// Rejoins every joined room from the last message seen there, raising <see cref="MessageReceived"/> for every
    /// message missed (in order, paging past 500), and returns the final snapshot of each room. Called by itself after
    /// an automatic reconnect; call it after restarting a stopped client. A room that fails is reported through
    /// <see cref="ResumeFailed"/> and kept for the next resume; the others go on.
    /// </summary>
    public async Task<IReadOnlyList<RoomSnapshot>> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var snapshots = new List<RoomSnapshot>();
        foreach (var (room, _) in _rooms.Snapshot())
        {
            try
            {
                snapshots.Add(await ResumeRoomAsync(room, cancellationToken));
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ResumeFailed?.Invoke(room, error);
            }
        }

        return snapshots;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private async Task<RoomSnapshot> ResumeRoomAsync(string room, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (snapshot, resumedFrom) = await JoinTrackedAsync(room, sinceId: null, resume: true, cancellationToken);
            if (!snapshot.HasMore || resumedFrom is null)
            {
                return snapshot;
            }
        }
    }

    /// <summary>JoinRoom with live messages held until the snapshot is in; on resume, from the room's last seen id.</summary>
    private async Task<(RoomSnapshot Snapshot, string? ResumedFrom)> JoinTrackedAsync(string room, string? sinceId, bool resume, CancellationToken cancellationToken)
    {
        var wasJoined = _rooms.IsJoined(room);
        var lastSeen = _rooms.BeginJoin(room);
        var from = resume ? lastSeen : sinceId;
        RoomSnapshot snapshot;
        try
        {
            snapshot = await Connection.InvokeAsync<RoomSnapshot>(nameof(IChatHub.JoinRoom), room, from, cancellationToken);
        }
        catch
        {
            Raise(_rooms.FailJoin(room, wasJoined));
            throw;
        }

        // On resume the snapshot is what was missed; on a first join it is the caller's start, not an event; on another
        // join of a followed room it is only the caller's, and the events go on from where they were.
        Raise(_rooms.CompleteJoin(room, snapshot, useSnapshot: resume || !wasJoined, includeSnapshot: resume && from is not null));
        if (resume && from is not null)
        {
            RaiseUpdated(snapshot.Updated);
        }

        return (snapshot, from);
    }

    private void OnMessageReceived(ChatMessage message)
    {
        if (_rooms.AcceptLive(message))
        {
            MessageReceived?.Invoke(message);
        }
    }

    private void Raise(IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            MessageReceived?.Invoke(message);
        }
    }

    private async Task OnReconnectedAsync(string? connectionId)
    {
        if (_options.ResumeOnReconnect)
        {
            try
            {
                await ResumeAsync(CancellationToken.None);
            }
            finally
            {
                Volatile.Read(ref _resumed).TrySetResult();
            }
        }

        Reconnected?.Invoke();
    }

    private Task WhenResumedAsync(CancellationToken cancellationToken) => Volatile.Read(ref _resumed).Task.WaitAsync(cancellationToken);

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private static HubConnection BuildConnection(ChatClientOptions options)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(options.ServerUri, HubPath), http =>
        {
            http.Transports = options.Transports;
            http.SkipNegotiation = options.SkipNegotiation;
            if (options.AccessTokenProvider is { } provider)
            {
                http.AccessTokenProvider = () => provider(CancellationToken.None);
            }

            options.ConfigureHttpConnection?.Invoke(http);
        });
        if (options.Protocol == ChatProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }

        if (options.ReconnectDelays.Count > 0)
        {
            builder.WithAutomaticReconnect(new RepeatLastDelayRetryPolicy(options.ReconnectDelays));
        }

        if (options.StatefulReconnect)
        {
            builder.WithStatefulReconnect();
        }

        options.ConfigureBuilder?.Invoke(builder);
        return builder.Build();
    }
}
