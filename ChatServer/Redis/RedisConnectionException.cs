namespace ChatServer.Redis;

/// <summary>
/// No usable connection: connecting failed or timed out, authentication was refused, the socket dropped with the
/// command in flight, or the command was issued while disconnected. <see cref="Failure"/> says which.
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    public RedisConnectionException()
    {
    }

    public RedisConnectionException(string message)
        : base(message)
    {
    }

    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public RedisConnectionException(RedisConnectionFailure failure, string message, Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why there is no connection.</summary>
    public RedisConnectionFailure Failure { get; }
}
