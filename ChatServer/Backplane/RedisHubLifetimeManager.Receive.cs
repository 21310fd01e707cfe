using ChatServer.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Backplane;

// What arrives from Redis: invocations for local connections, group commands for connections held here, acks.
public sealed partial class RedisHubLifetimeManager<THub>
{
    private ValueTask OnAllMessageAsync(RedisMessage message, CancellationToken cancellationToken) =>
        DeliverAsync(message, _connections, cancellationToken);

    private async ValueTask OnGroupMessageAsync(string group, RedisMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Payload.AsMemory();
        if (payload.Length > 0 && payload.Span[0] != BackplaneProtocol.Version && _relay is not null)
        {
            if (TryRead(message, record => _relay.Translate(group, record)) is { } translated && _groups.Find(group) is { } members)
            {
                await WriteAllAsync(members, new SerializedHubMessage(translated), excluded: null, cancellationToken);
            }

            return;
        }

        await DeliverAsync(message, _groups.Find(group), cancellationToken);
    }

    private ValueTask OnUserMessageAsync(string user, RedisMessage message, CancellationToken cancellationToken) =>
        DeliverAsync(message, _users.Find(user), cancellationToken);

    private async ValueTask OnConnectionMessageAsync(RedisMessage message, CancellationToken cancellationToken)
    {
        if (TryRead(message, BackplaneProtocol.ReadInvocation) is { } invocation
            && _connections[message.Channel[(message.Channel.LastIndexOf(':') + 1)..]] is { } connection)
        {
            await WriteAsync(connection, invocation.ToHubMessage(), cancellationToken);
        }
    }

    private async ValueTask DeliverAsync(RedisMessage message, HubConnectionStore? connections, CancellationToken cancellationToken)
    {
        if (connections is not null && TryRead(message, BackplaneProtocol.ReadInvocation) is { } invocation)
        {
            await WriteAllAsync(connections, invocation.ToHubMessage(), invocation.ExcludedConnectionIds, cancellationToken);
        }
    }

    private async ValueTask OnGroupCommandAsync(RedisMessage message, CancellationToken cancellationToken)
    {
        if (TryRead(message, BackplaneProtocol.ReadGroupCommand) is not { } command || _connections[command.ConnectionId] is not { } connection)
        {
            // Not ours: the instance that holds the connection answers.
            return;
        }

        await ApplyLocallyAsync(command.Action, connection, command.Group, cancellationToken);
        BackplaneLog.GroupCommandApplied(_logger, command.Action, command.ConnectionId, command.Group, command.SenderInstance);
        await _redis.PublishAsync(_channels.Ack(command.SenderInstance), BackplaneProtocol.WriteAck(command.Id), cancellationToken);
    }

    private ValueTask OnAckAsync(RedisMessage message, CancellationToken cancellationToken)
    {
        if (TryRead(message, BackplaneProtocol.ReadAck) is { } id)
        {
            _acks.Acknowledge(id);
        }

        return ValueTask.CompletedTask;
    }

    private T? TryRead<T>(RedisMessage message, Func<ReadOnlyMemory<byte>, T> read)
    {
        try
        {
            return read(message.Payload.AsMemory());
        }
        catch (InvalidDataException exception)
        {
            // One bad message must not stop the channel: log it and carry on with the next.
            BackplaneLog.InvalidMessage(_logger, message.Channel, exception);
            return default;
        }
    }
}
