namespace ChatServer.Redis;

/// <summary>A command with its arguments, for <see cref="RedisConnection.ExecuteTransactionAsync"/>.</summary>
public readonly record struct RedisCommand(string Name, IReadOnlyList<RedisValue> Args)
{
    public static RedisCommand Create(string name, params RedisValue[] args) => new(name, args);

    internal RedisValue[] ToParts()
    {
        var parts = new RedisValue[Args.Count + 1];
        parts[0] = Name;
        for (var i = 0; i < Args.Count; i++) parts[i + 1] = Args[i];
        return parts;
    }
}
