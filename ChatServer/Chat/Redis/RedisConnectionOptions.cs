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

    /// <summary>How long start-up waits for a Redis that is still loading its data (it answers LOADING meanwhile).</summary>
    public TimeSpan LoadingTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The parsed connection string; throws <see cref="ArgumentException"/> with the library's message when it is malformed.</summary>
    public ConfigurationOptions Parse() => ConfigurationOptions.Parse(Configuration ?? string.Empty);
}
