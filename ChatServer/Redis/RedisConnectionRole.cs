namespace ChatServer.Redis;

/// <summary>Which of the client's two sockets an event is about.</summary>
public enum RedisConnectionRole
{
    /// <summary>The multiplexed, pipelined command socket.</summary>
    Interactive,

    /// <summary>The dedicated SUBSCRIBE/PSUBSCRIBE socket.</summary>
    Subscriber,
}
