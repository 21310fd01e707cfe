namespace ChatServer.Backplane;

/// <summary>
/// Every channel name the backplane uses, in one place. All start with <c>{prefix}:{hub}:</c>, so deployments that
/// share one Redis with different prefixes never hear each other.
/// </summary>
internal sealed class BackplaneChannels(string prefix, string hubName)
{
    private readonly string _root = $"{prefix}:{hubName}:";

    /// <summary>What every channel of this hub starts with.</summary>
    public string Prefix => _root;

    /// <summary>Invocations for every connection.</summary>
    public string All => _root + "all";

    /// <summary>Group add/remove commands for connections on other instances.</summary>
    public string GroupCommands => _root + "internal:groups";

    public string Connection(string connectionId) => _root + "connection:" + connectionId;

    public string Group(string groupName) => _root + "group:" + groupName;

    public string User(string userId) => _root + "user:" + userId;

    /// <summary>Where the instance named <paramref name="instanceId"/> receives acks for its group commands.</summary>
    public string Ack(string instanceId) => _root + "internal:ack:" + instanceId;
}
