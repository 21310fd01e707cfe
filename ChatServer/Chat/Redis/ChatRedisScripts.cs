namespace ChatServer.Chat.Redis;

/// <summary>
/// The checked-in Lua scripts (<c>Chat/Redis/Scripts/*.lua</c>, embedded), read once per process. They run with
/// <c>IDatabase.ScriptEvaluateAsync(string, …)</c>: StackExchange.Redis sends EVALSHA once the server knows a
/// script and falls back to EVAL (which loads it again) after a restart or SCRIPT FLUSH.
/// </summary>
internal sealed class ChatRedisScripts
{
    public string PostMessage { get; } = Load("token-bucket.lua") + Load("post-message.lua");

    public string MessageChange { get; } = Load("message-change.lua");

    public string RoomRead { get; } = Load("room-read.lua");

    public string UnreadCount { get; } = Load("unread-count.lua");

    public string ReadMark { get; } = Load("read-mark.lua");

    public string RateLimit { get; } = Load("token-bucket.lua") + Load("rate-limit.lua");

    public string ConnectionOpen { get; } = Load("connection-open.lua");

    public string PresenceJoin { get; } = Load("presence-join.lua");

    public string PresenceLeave { get; } = Load("presence-leave.lua");

    public string PresenceDisconnect { get; } = Load("presence-disconnect.lua");

    public string LeaseRenew { get; } = Load("lease-renew.lua");

    public string InstanceSweep { get; } = Load("instance-sweep.lua");

    public string TypingIndex { get; } = Load("typing-index.lua");

    public string TypingStart { get; } = Load("typing-start.lua");

    public string TypingStop { get; } = Load("typing-stop.lua");

    public string TypingList { get; } = Load("typing-list.lua");

    public string TypingExpire { get; } = Load("typing-expire.lua");

    public string TypingLapse { get; } = Load("typing-lapse.lua");

    public string UserCreate { get; } = Load("user-create.lua");

    public string UserUpgrade { get; } = Load("user-upgrade.lua");

    public string RefreshRotate { get; } = Load("refresh-rotate.lua");

    public string RefreshRevoke { get; } = Load("refresh-revoke.lua");

    private static string Load(string name)
    {
        using var stream = typeof(ChatRedisScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
