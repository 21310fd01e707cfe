using System.Collections.Concurrent;
using ChatServer.Redis;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Backplane;

/// <summary>
/// This instance's members of named sets that have a channel each (groups, users): subscribes to the channel when
/// the first local member arrives and unsubscribes when the last one leaves, so an instance only hears traffic
/// for connections it holds. Changes to one name are serialized; different names proceed in parallel.
/// </summary>
/// <param name="onSubscribed">Called once the channel of a name is subscribed, before its first member is visible.</param>
/// <param name="onUnsubscribed">Called once the channel of a name is unsubscribed.</param>
internal sealed class LocalSubscriptions(
    RedisConnection redis,
    Func<string, string> channelOf,
    Func<string, RedisMessage, CancellationToken, ValueTask> onMessage,
    Func<string, CancellationToken, ValueTask>? onSubscribed = null,
    Action<string>? onUnsubscribed = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Members> _members = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The local members of <paramref name="name"/>, or null when there are none.</summary>
    public HubConnectionStore? Find(string name) => _members.TryGetValue(name, out var members) ? members.Connections : null;

    /// <summary>The names that have local members now.</summary>
    public IReadOnlyList<string> Names => [.. _members.Keys];

    public async Task AddAsync(string name, HubConnectionContext connection, CancellationToken cancellationToken)
    {
        var gate = GateOf(name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!_members.TryGetValue(name, out var members))
            {
                // Subscribed before the member is visible, so nothing published after this returns is missed.
                var subscription = await redis.SubscribeAsync(channelOf(name), (message, token) => onMessage(name, message, token), cancellationToken);
                if (onSubscribed is not null)
                {
                    try
                    {
                        await onSubscribed(name, cancellationToken);
                    }
                    catch
                    {
                        await subscription.DisposeAsync();
                        throw;
                    }
                }

                members = new Members(subscription);
                _members[name] = members;
            }

            members.Connections.Add(connection);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task RemoveAsync(string name, HubConnectionContext connection, CancellationToken cancellationToken)
    {
        var gate = GateOf(name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!_members.TryGetValue(name, out var members))
            {
                return;
            }

            members.Connections.Remove(connection);
            if (members.Connections.Count == 0)
            {
                _members.TryRemove(name, out _);
                await members.Subscription.DisposeAsync();
                onUnsubscribed?.Invoke(name);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _members.Keys)
        {
            if (_members.TryRemove(name, out var members))
            {
                await members.Subscription.DisposeAsync();
            }
        }
    }

    private SemaphoreSlim GateOf(string name) => _gates[(StringComparer.Ordinal.GetHashCode(name) & int.MaxValue) % _gates.Length];

    private sealed class Members(RedisSubscription subscription)
    {
        public RedisSubscription Subscription { get; } = subscription;

        public HubConnectionStore Connections { get; } = new();
    }
}
