using ChatServer.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>The checked-in Lua scripts (<c>Chat/Redis/Scripts/*.lua</c>, embedded), loaded once per process.</summary>
internal sealed class ChatRedisScripts
{
    public RedisScript PostMessage { get; } = Load("post-message.lua");

    public RedisScript RateLimit { get; } = Load("rate-limit.lua");

    public RedisScript PresenceJoin { get; } = Load("presence-join.lua");

    public RedisScript PresenceLeave { get; } = Load("presence-leave.lua");

    public RedisScript PresenceDisconnect { get; } = Load("presence-disconnect.lua");

    public RedisScript LeaseRenew { get; } = Load("lease-renew.lua");

    public RedisScript InstanceSweep { get; } = Load("instance-sweep.lua");

    public RedisScript TypingStart { get; } = Load("typing-start.lua");

    public RedisScript TypingStop { get; } = Load("typing-stop.lua");

    public RedisScript TypingList { get; } = Load("typing-list.lua");

    public RedisScript TypingExpire { get; } = Load("typing-expire.lua");

    public RedisScript UserCreate { get; } = Load("user-create.lua");

    private static RedisScript Load(string name)
    {
        using var stream = typeof(ChatRedisScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return new RedisScript(reader.ReadToEnd());
    }
}
