namespace ChatServer.Redis;

/// <summary>The server answered with an error reply (e.g. <c>WRONGTYPE</c>, <c>NOSCRIPT</c>, <c>ERR …</c>).</summary>
public sealed class RedisServerException : RedisException
{
    public RedisServerException()
    {
    }

    public RedisServerException(string message)
        : base(message)
    {
        ErrorCode = message.Split(' ', 2)[0];
    }

    public RedisServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorCode = message.Split(' ', 2)[0];
    }

    /// <summary>The first word of the error reply, by Redis convention its code: ERR, WRONGTYPE, NOSCRIPT, NOAUTH…</summary>
    public string ErrorCode { get; } = "ERR";
}
