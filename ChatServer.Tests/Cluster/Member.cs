using System.Collections.Concurrent;
using System.Diagnostics;
using ChatServer.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// One chat user in the crash test, on <see cref="ChatClient"/>: its view of the room is exactly what the client raised
/// (the client itself resumes from the last id after a reconnect and promises each message once, in order).
/// </summary>
internal sealed class Member
{
    private static readonly TimeSpan RetryDeadline = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<string> _view = [];
    private bool _rejoining;
    private int _retries;

    public Member(string user, string room, ChatClient connection)
    {
        User = user;
        Room = room;
        Connection = connection;
        connection.MessageReceived += OnMessage;
        connection.Reconnecting += _ =>
        {
            lock (_gate)
            {
                _rejoining = true;
            }
        };
        connection.ResumeFailed += (_, failure) => Rejoined.TrySetException(failure);
        connection.Reconnected += () =>
        {
            lock (_gate)
            {
                _rejoining = false;
            }

            Rejoined.TrySetResult();
        };
    }

    public string User { get; }

    public string Room { get; }

    public ChatClient Connection { get; }

    public string? InstanceBefore { get; set; }

    public TaskCompletionSource Rejoined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<ChatMessage> Acknowledged { get; } = new();

    /// <summary>Every MessageReceived of the room in the order the client raised them.</summary>
    public ConcurrentQueue<string> LiveIds { get; } = new();

    /// <summary>Sends that failed with the connection and were sent again.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public string ClientMessageId(int k) => $"{User}-{k}";

    public IReadOnlyList<string> View()
    {
        lock (_gate)
        {
            return [.. _view];
        }
    }

    /// <summary>Joins the room: its earlier messages are not this test's, so the snapshot is not part of the view.</summary>
    public Task JoinAsync(CancellationToken cancellationToken) => Connection.JoinRoomAsync(Room, cancellationToken: cancellationToken);

    /// <summary>Sends each message; a send that failed (the instance died) is retried with the same clientMessageId once rejoined.</summary>
    public async Task SendAllAsync(int count, CancellationToken cancellationToken)
    {
        await Task.Yield();
        for (var k = 0; k < count; k++)
        {
            var started = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    Acknowledged.Enqueue(await Connection.SendMessageAsync(Room, $"{User} message {k}", ClientMessageId(k), cancellationToken));
                    break;
                }
                catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
                {
                    // The connection dropped mid-call (the failure type depends on when); whether the server stored
                    // the message is unknown, so the same clientMessageId is sent again, bounded by RetryDeadline.
                    if (started.Elapsed > RetryDeadline)
                    {
                        throw new TimeoutException($"{User} could not send message {k} within {RetryDeadline}", failure);
                    }

                    Interlocked.Increment(ref _retries);
                    await WaitUntilJoinedAsync(cancellationToken);
                }
            }
        }
    }

    private async Task WaitUntilJoinedAsync(CancellationToken cancellationToken)
    {
        do
        {
            await Task.Delay(50, cancellationToken);
        }
        while (Connection.State != HubConnectionState.Connected || IsRejoining());
    }

    private bool IsRejoining()
    {
        lock (_gate)
        {
            return _rejoining;
        }
    }

    private void OnMessage(ChatMessage message)
    {
        if (message.Room != Room)
        {
            return;
        }

        LiveIds.Enqueue(message.Id);
        lock (_gate)
        {
            _view.Add(message.Id);
        }
    }
}
