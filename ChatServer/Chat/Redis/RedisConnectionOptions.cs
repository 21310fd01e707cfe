using StackExchange.Redis;

namespace ChatServer.Chat.Redis;

/// <summary>
/// Where the instance's Redis is (section <c>Redis</c>): <see cref="Configuration"/> is a StackExchange.Redis
/// connection string (<c>host:port,password=…,user=…,ssl=true,abortConnect=false,…</c>). Setting it switches the
/// server to Redis mode.
/// </summary>
public sealed class RedisConnectionOptions
{
    public const string SectionName = "Redis";

    public string? Configuration { get; set; }

    /// <summary>The parsed connection string; throws <see cref="ArgumentException"/> with the library's message when it is malformed.</summary>
    public ConfigurationOptions Parse() => ConfigurationOptions.Parse(Configuration ?? string.Empty);
}
