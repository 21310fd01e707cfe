namespace ChatServer.Redis;

/// <summary>Base of every failure this client reports; catch this to handle all Redis errors.</summary>
public class RedisException : Exception
{
    public RedisException()
    {
    }

    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
