using ChatServer.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace ChatServer.Backplane;

/// <summary>
/// A SignalR <see cref="HubLifetimeManager{THub}"/> that spreads every send over Redis pub/sub, so any number of
/// instances behave like one server. Sends to a connection held here skip Redis; group changes for a connection
/// held elsewhere go to the owning instance, which applies them and acks. While Redis is unreachable, sends reach
/// this instance's own connections only (logged once per outage), and nothing is buffered.
/// </summary>
public sealed partial class RedisHubLifetimeManager<THub> : HubLifetimeManager<THub>, IAsyncDisposable
    where THub : Hub
{
    private readonly RedisConnection _redis;
    private readonly IGroupMessageRelay? _relay;
    private readonly ILogger _logger;
    private readonly string _instanceId;
    private readonly BackplaneChannels _channels;
    private readonly IReadOnlyList<IHubProtocol> _protocols;
    private readonly AckHandler _acks;
    private readonly HubConnectionStore _connections = new();
    private readonly LocalSubscriptions _groups;
    private readonly LocalSubscriptions _users;
    private readonly Dictionary<string, RedisSubscription> _connectionSubscriptions = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly List<RedisSubscription> _instanceSubscriptions = [];
    private Task? _started;
    private int _degraded;
    private int _disposed;

    public RedisHubLifetimeManager(
        RedisConnection redis,
        IOptions<BackplaneOptions> options,
        BackplaneInstance instance,
        IHubProtocolResolver protocols,
        IOptions<HubOptions> globalHubOptions,
        IOptions<HubOptions<THub>> hubOptions,
        TimeProvider timeProvider,
        ILogger<RedisHubLifetimeManager<THub>> logger,
        IGroupMessageRelay? relay = null)
    {
        _relay = relay;
        _redis = redis;
        _logger = logger;
        _instanceId = instance.Id;
        _channels = new BackplaneChannels(options.Value.ChannelPrefix, typeof(THub).Name);
        var supported = hubOptions.Value.SupportedProtocols ?? globalHubOptions.Value.SupportedProtocols ?? [];
        _protocols = [.. protocols.AllProtocols.Where(protocol => supported.Contains(protocol.Name, StringComparer.OrdinalIgnoreCase))];
        _acks = new AckHandler(TimeSpan.FromMilliseconds(options.Value.AckTimeoutMilliseconds), timeProvider);
        _groups = relay is null
            ? new LocalSubscriptions(redis, _channels.Group, OnGroupMessageAsync)
            : new LocalSubscriptions(redis, _channels.Group, OnGroupMessageAsync, relay.OnSubscribedAsync, relay.OnUnsubscribed);
        _users = new LocalSubscriptions(redis, _channels.User, OnUserMessageAsync);
        _redis.StateChanged += OnRedisStateChanged;
    }

    /// <summary>
    /// Subscribes to the channels every instance listens on. Idempotent; the hosting layer calls it at start-up and
    /// every connection awaits it, so no send is accepted before this instance can hear replies and acks.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_started is null || _started.IsFaulted || _started.IsCanceled)
            {
                _started = StartCoreAsync(cancellationToken);
            }

            return _started;
        }
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await StartAsync(connection.ConnectionAborted);
        connection.Features.Set(new ConnectionGroups());
        _connections.Add(connection);

        var subscription = await _redis.SubscribeAsync(_channels.Connection(connection.ConnectionId), OnConnectionMessageAsync, connection.ConnectionAborted);
        lock (_sync)
        {
            _connectionSubscriptions[connection.ConnectionId] = subscription;
        }

        if (connection.UserIdentifier is { } user)
        {
            await _users.AddAsync(user, connection, connection.ConnectionAborted);
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.Remove(connection);
        RedisSubscription? subscription;
        lock (_sync)
        {
            _connectionSubscriptions.Remove(connection.ConnectionId, out subscription);
        }

        if (subscription is not null)
        {
            await subscription.DisposeAsync();
        }

        foreach (var group in connection.Features.Get<ConnectionGroups>()?.Snapshot() ?? [])
        {
            await _groups.RemoveAsync(group, connection, CancellationToken.None);
        }

        if (connection.UserIdentifier is { } user)
        {
            await _users.RemoveAsync(user, connection, CancellationToken.None);
        }
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.All, methodName, args, excluded: null, () => _connections, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.All, methodName, args, excludedConnectionIds, () => _connections, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);

        // A connection held here needs no round trip through Redis.
        var local = _connections[connectionId];
        return local is not null
            ? WriteAsync(local, new SerializedHubMessage(new InvocationMessage(methodName, args)), cancellationToken)
            : PublishAsync(_channels.Connection(connectionId), methodName, args, excluded: null, localFallback: null, cancellationToken);
    }

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Task.WhenAll(connectionIds.Select(id => SendConnectionAsync(id, methodName, args, cancellationToken)));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return PublishAsync(_channels.Group(groupName), methodName, args, excluded: null, () => _groups.Find(groupName), cancellationToken);
    }

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Task.WhenAll(groupNames.Select(group => SendGroupAsync(group, methodName, args, cancellationToken)));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return PublishAsync(_channels.Group(groupName), methodName, args, excludedConnectionIds, () => _groups.Find(groupName), cancellationToken);
    }

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        PublishAsync(_channels.User(userId), methodName, args, excluded: null, () => _users.Find(userId), cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Task.WhenAll(userIds.Select(user => SendUserAsync(user, methodName, args, cancellationToken)));

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        ChangeGroupAsync(GroupAction.Add, connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        ChangeGroupAsync(GroupAction.Remove, connectionId, groupName, cancellationToken);

    /// <summary>The channel a group's messages travel on, for writers that publish records for <see cref="IGroupMessageRelay"/>.</summary>
    public string GroupChannel(string groupName) => _channels.Group(groupName);

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once as itself and once as the HubLifetimeManager it also stands for.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _redis.StateChanged -= OnRedisStateChanged;
        await StopReplayLoopAsync();
        _acks.Dispose();
        await _groups.DisposeAsync();
        await _users.DisposeAsync();
        List<RedisSubscription> subscriptions;
        lock (_sync)
        {
            subscriptions = [.. _instanceSubscriptions, .. _connectionSubscriptions.Values];
            _instanceSubscriptions.Clear();
            _connectionSubscriptions.Clear();
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var subscriptions = new[]
        {
            await _redis.SubscribeAsync(_channels.All, OnAllMessageAsync, cancellationToken),
            await _redis.SubscribeAsync(_channels.GroupCommands, OnGroupCommandAsync, cancellationToken),
            await _redis.SubscribeAsync(_channels.Ack(_instanceId), OnAckAsync, cancellationToken),
        };
        lock (_sync)
        {
            _instanceSubscriptions.AddRange(subscriptions);
            StartReplayLoop();
        }

        BackplaneLog.Started(_logger, _instanceId, _channels.Prefix);
    }
}
