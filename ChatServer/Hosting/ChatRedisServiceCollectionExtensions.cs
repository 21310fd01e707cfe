using ChatServer.Auth;
using ChatServer.Backplane;
using ChatServer.Chat;
using ChatServer.Chat.Redis;
using ChatServer.Hubs;
using ChatServer.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatServer.Hosting;

/// <summary>Redis mode: the backplane and the Redis stores, for any number of instances sharing one Redis.</summary>
public static class ChatRedisServiceCollectionExtensions
{
    /// <summary>True when <c>Redis:Configuration</c> (<c>Redis__Configuration</c>) is set: the switch between the two modes.</summary>
    public static bool IsRedisConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"]);

    public static IServiceCollection AddChatRedis(this IServiceCollection services, IConfiguration configuration)
    {
        // The client first: its hosted service connects before the backplane and presence services start.
        services.AddRedisClient(configuration.GetSection(RedisOptions.SectionName));
        services.AddValidatedOptions<ChatRedisOptions>(ChatRedisOptions.SectionName);
        services.AddValidatedOptions<BackplaneOptions>(BackplaneOptions.SectionName);

        // The backplane, and the relay that turns the stored-and-published room messages into MessageReceived (and
        // replays what a reconnecting subscriber missed). The store is resolved late: it depends on the backplane.
        services.AddSingleton(sp => new BackplaneInstance(sp.GetRequiredService<ServerInfo>().InstanceId));
        services.AddSingleton<IGroupMessageRelay>(sp => new RoomMessageRelay(
            sp.GetRequiredService<IMessageStore>, sp.GetRequiredService<ILogger<RoomMessageRelay>>()));
        services.AddSingleton<RedisHubLifetimeManager<ChatHub>>();
        services.AddSingleton<HubLifetimeManager<ChatHub>>(sp => sp.GetRequiredService<RedisHubLifetimeManager<ChatHub>>());
        services.AddHostedService<BackplaneStartupService<ChatHub>>();

        // The stores.
        services.AddSingleton<ChatRedisScripts>();
        services.AddSingleton(sp => new RedisKeys(
            sp.GetRequiredService<IOptions<ChatRedisOptions>>().Value.KeyPrefix,
            sp.GetRequiredService<RedisHubLifetimeManager<ChatHub>>().GroupChannel));
        services.AddSingleton<IMessageStore, RedisMessageStore>();
        services.AddSingleton<RedisPresenceTracker>();
        services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddSingleton<ITypingTracker, RedisTypingTracker>();
        services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        services.AddSingleton<IUserStore, RedisUserStore>();
        services.AddSingleton<ITokenSigningKeyStore, RedisTokenSigningKeyStore>();
        services.AddHostedService<PresenceLeaseService>();

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
