namespace ChatServer.Redis;

/// <summary>Lua scripts: EVALSHA with EVAL fallback, SCRIPT LOAD.</summary>
public static partial class RedisCommands
{
    /// <summary>
    /// Runs <paramref name="script"/> atomically: EVALSHA sha numkeys keys… args…; when the server answers
    /// NOSCRIPT (never loaded, restarted, flushed) it is sent once as EVAL, which also caches it for next time.
    /// </summary>
    public static async Task<RedisResult> ScriptEvaluateAsync(
        this RedisConnection redis,
        RedisScript script,
        IReadOnlyList<string>? keys = null,
        IReadOnlyList<RedisValue>? args = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        try
        {
            return await redis.ExecuteAsync(Eval("EVALSHA", script.Sha1, keys, args), cancellationToken);
        }
        catch (RedisServerException ex) when (ex.ErrorCode == "NOSCRIPT")
        {
            return await redis.ExecuteAsync(Eval("EVAL", script.Source, keys, args), cancellationToken);
        }
    }

    /// <summary>SCRIPT LOAD; returns the SHA1 the server computed (equal to <see cref="RedisScript.Sha1"/>).</summary>
    public static async Task<string> ScriptLoadAsync(this RedisConnection redis, RedisScript script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        return (await redis.ExecuteAsync(["SCRIPT", "LOAD", script.Source], cancellationToken)).ToString()!;
    }

    private static RedisValue[] Eval(string command, string scriptOrSha, IReadOnlyList<string>? keys, IReadOnlyList<RedisValue>? args)
    {
        var keyCount = keys?.Count ?? 0;
        var argCount = args?.Count ?? 0;
        var parts = new RedisValue[3 + keyCount + argCount];
        parts[0] = command;
        parts[1] = scriptOrSha;
        parts[2] = keyCount;
        for (var i = 0; i < keyCount; i++) parts[3 + i] = keys![i];
        for (var i = 0; i < argCount; i++) parts[3 + keyCount + i] = args![i];
        return parts;
    }
}
