namespace ChatServer.Redis;

/// <summary>A connection state change, for health checks and the backplane.</summary>
public sealed class RedisConnectionStateChangedEventArgs(
    RedisConnectionRole role,
    RedisConnectionEvent @event,
    RedisConnectionState state,
    Exception? failure) : EventArgs
{
    public RedisConnectionRole Role { get; } = role;

    public RedisConnectionEvent Event { get; } = @event;

    /// <summary>The state after the change.</summary>
    public RedisConnectionState State { get; } = state;

    /// <summary>Why the connection was lost, for <see cref="RedisConnectionEvent.Lost"/>.</summary>
    public Exception? Failure { get; } = failure;
}
