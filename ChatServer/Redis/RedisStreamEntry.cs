namespace ChatServer.Redis;

/// <summary>One stream entry: its id (<c>ms-seq</c>) and its field/value pairs in stored order.</summary>
public sealed record RedisStreamEntry(string Id, IReadOnlyList<KeyValuePair<string, RedisValue>> Fields)
{
    /// <summary>The value of the first field named <paramref name="name"/>, or null.</summary>
    public RedisValue this[string name]
    {
        get
        {
            foreach (var field in Fields)
            {
                if (field.Key == name) return field.Value;
            }

            return RedisValue.Null;
        }
    }

    /// <summary>An exclusive range bound for XRANGE/XREVRANGE: <c>(id</c> (Redis 6.2+).</summary>
    public static string ExclusiveBound(string id) => "(" + id;
}
