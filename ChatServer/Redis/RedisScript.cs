using System.Security.Cryptography;
using System.Text;

namespace ChatServer.Redis;

/// <summary>
/// A Lua script and its SHA1, which is how Redis names cached scripts. Run it with
/// <see cref="RedisCommands.ScriptEvaluateAsync"/>: EVALSHA first, and EVAL (which also caches it) only when the
/// server answers NOSCRIPT, e.g. after a restart or SCRIPT FLUSH. Create once, keep in a static readonly field
/// or a singleton.
/// </summary>
public sealed class RedisScript
{
    public RedisScript(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        Source = source;
#pragma warning disable CA5350 // Redis defines the script id as SHA1 of the source; it is a cache key, not security.
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
#pragma warning restore CA5350
    }

    public string Source { get; }

    /// <summary>Lower-case hex SHA1 of <see cref="Source"/>, as SCRIPT LOAD returns it.</summary>
    public string Sha1 { get; }
}
