using System.Collections.Concurrent;
using System.Diagnostics;
using ChatServer.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// A resuming chat client as a real one is written: it keeps the room's messages in id order, and after an automatic
/// reconnect rejoins with the last id it saw, holding live messages until that snapshot is applied.
/// </summary>
internal sealed class Member
{
    private static readonly TimeSpan RetryDeadline = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<string> _view = [];
    private readonly List<ChatMessage> _held = [];
    private bool _rejoining;
    private int _retries;

    public Member(string user, string room, HubConnection connection)
    {
        User = user;
        Room = room;
        Connection = connection;
        connection.OnMessageReceived(OnMessage);
        connection.Reconnecting += _ =>
        {
            lock (_gate)
            {
                _rejoining = true;
            }

            return Task.CompletedTask;
        };
        connection.Reconnected += async _ =>
        {
            try
            {
                await JoinAsync(CancellationToken.None);
                Rejoined.TrySetResult();
            }
            catch (Exception failure)
            {
                // Forwarded to the test, which awaits Rejoined.
                Rejoined.TrySetException(failure);
            }
        };
    }

    public string User { get; }

    public string Room { get; }

    public HubConnection Connection { get; }

    public string? InstanceBefore { get; set; }

    public TaskCompletionSource Rejoined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<ChatMessage> Acknowledged { get; } = new();

    /// <summary>Every MessageReceived of the room in arrival order, across connections.</summary>
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

    /// <summary>Joins (or, after a reconnect, resumes) the room from the last message seen.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        string? since;
        lock (_gate)
        {
            _rejoining = true;
            since = _view.Count == 0 ? null : _view[^1];
        }

        var snapshot = await Connection.JoinRoomAsync(Room, since, cancellationToken);
        lock (_gate)
        {
            // A first join shows the room from now on: its earlier messages are not this test's.
            if (since is not null)
            {
                foreach (var message in snapshot.Messages)
                {
                    Append(message.Id);
                }
            }

            foreach (var message in _held)
            {
                Append(message.Id);
            }

            _held.Clear();
            _rejoining = false;
        }
    }

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
            if (_rejoining)
            {
                _held.Add(message);
            }
            else
            {
                Append(message.Id);
            }
        }
    }

    /// <summary>Only ids after the last one seen: the overlap of a resuming snapshot and held live messages.</summary>
    private void Append(string id)
    {
        if (_view.Count == 0 || CompareIds(id, _view[^1]) > 0)
        {
            _view.Add(id);
        }
    }

    private static int CompareIds(string a, string b)
    {
        static (long Ms, long Seq) Parse(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            return (long.Parse(id.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture), long.Parse(id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
        }

        return Parse(a).CompareTo(Parse(b));
    }
}
