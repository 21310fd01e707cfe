using ChatServer.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Backplane;

// Publishing, group changes and writing to local connections.
public sealed partial class RedisHubLifetimeManager<THub>
{
    /// <param name="localFallback">Who to reach directly when Redis is down; null when no local connection can be a target.</param>
    private async Task PublishAsync(
        string channel,
        string methodName,
        object?[] args,
        IReadOnlyList<string>? excluded,
        Func<HubConnectionStore?>? localFallback,
        CancellationToken cancellationToken)
    {
        // Serialized once per protocol in use, whatever the number of receivers.
        var invocation = new InvocationMessage(methodName, args);
        var payload = BackplaneProtocol.WriteInvocation([.. _protocols.Select(protocol => new SerializedMessage(protocol.Name, protocol.GetMessageBytes(invocation)))], excluded);
        try
        {
            await _redis.PublishAsync(channel, payload, cancellationToken);
        }
        catch (RedisConnectionException exception) when (localFallback is not null)
        {
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
            {
                BackplaneLog.Unavailable(_logger, _instanceId, exception);
            }

            if (localFallback() is { } local)
            {
                await WriteAllAsync(local, new SerializedHubMessage(invocation), excluded, cancellationToken);
            }
        }
    }

    private async Task ChangeGroupAsync(GroupAction action, string connectionId, string groupName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(groupName);
        if (_connections[connectionId] is { } local)
        {
            await ApplyLocallyAsync(action, local, groupName, cancellationToken);
            return;
        }

        // Held by another instance (or by none): ask whoever holds it, and wait for its ack.
        var id = _acks.NextId();
        try
        {
            var command = new GroupCommand(id, _instanceId, action, groupName, connectionId);
            await _redis.PublishAsync(_channels.GroupCommands, BackplaneProtocol.WriteGroupCommand(command), cancellationToken);
        }
        catch
        {
            _acks.Forget(id);
            throw;
        }

        await _acks.WaitAsync(id, $"{action} connection {connectionId} {(action == GroupAction.Add ? "to" : "from")} group {groupName}", cancellationToken);
    }

    private async Task ApplyLocallyAsync(GroupAction action, HubConnectionContext connection, string groupName, CancellationToken cancellationToken)
    {
        var groups = connection.Features.Get<ConnectionGroups>();
        if (action == GroupAction.Add)
        {
            await _groups.AddAsync(groupName, connection, cancellationToken);
            groups?.Add(groupName);
        }
        else
        {
            groups?.Remove(groupName);
            await _groups.RemoveAsync(groupName, connection, cancellationToken);
        }
    }

    private async Task WriteAllAsync(HubConnectionStore connections, SerializedHubMessage message, IReadOnlyList<string>? excluded, CancellationToken cancellationToken)
    {
        List<Task>? writes = null;
        foreach (var connection in connections)
        {
            if (excluded is null || !excluded.Contains(connection.ConnectionId))
            {
                (writes ??= []).Add(WriteAsync(connection, message, cancellationToken));
            }
        }

        if (writes is not null)
        {
            await Task.WhenAll(writes);
        }
    }

    private async Task WriteAsync(HubConnectionContext connection, SerializedHubMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await connection.WriteAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One broken connection must not stop delivery to the others; SignalR closes it on its own.
            BackplaneLog.WriteFailed(_logger, connection.ConnectionId, exception);
        }
    }

    private void OnRedisStateChanged(object? sender, RedisConnectionStateChangedEventArgs change)
    {
        if (_relay is not null && change.Event == RedisConnectionEvent.Lost && change.Role == RedisConnectionRole.Subscriber)
        {
            _relay.OnSubscriptionsLost();
        }

        if (_relay is not null && change.Event == RedisConnectionEvent.Restored)
        {
            RequestReplay();
        }

        if (change.State == RedisConnectionState.Connected && Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            BackplaneLog.Restored(_logger, _instanceId);
        }
    }
}
