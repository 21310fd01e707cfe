namespace ChatServer.Redis;

/// <summary>Bytes that are not valid RESP2. The connection that read them is dropped, so the next reply cannot be misread.</summary>
public sealed class RedisProtocolException : RedisException
{
    public RedisProtocolException()
    {
    }

    public RedisProtocolException(string message)
        : base(message)
    {
    }

    public RedisProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
