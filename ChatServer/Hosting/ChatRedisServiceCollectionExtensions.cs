using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Chat.Redis;
using ChatServer.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Hosting;

/// <summary>Redis mode: SignalR's Redis backplane and the Redis stores, for any number of instances sharing one Redis.</summary>
public static class ChatRedisServiceCollectionExtensions
{
    /// <summary>True when <c>Redis:Configuration</c> (<c>Redis__Configuration</c>) is set: the switch between the two modes.</summary>
    public static bool IsRedisConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{RedisConnectionOptions.SectionName}:{nameof(RedisConnectionOptions.Configuration)}"]);

    public static IServiceCollection AddChatRedis(this IServiceCollection services)
    {
        // One multiplexer for the instance. The monitor connects it at start-up, before the other hosted services.
        services.AddValidatedOptions<RedisConnectionOptions>(RedisConnectionOptions.SectionName);
        services.AddSingleton<IValidateOptions<RedisConnectionOptions>, RedisConnectionOptionsValidator>();
        services.AddSingleton<ChatRedisConnection>();
        services.AddSingleton<RedisConnectionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnectionMonitor>());

        // SignalR's own backplane for every SignalR send (what is for one user: the direct-room notice). It keeps a
        // multiplexer of its own: its channel prefix is a setting of the whole multiplexer, which the room channels
        // (published by a Lua script under their full names) must not get (docs/scale-out.md, "One multiplexer or two").
        services.AddValidatedOptions<BackplaneOptions>(BackplaneOptions.SectionName);
        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<RedisOptions>().Configure<IOptions<RedisConnectionOptions>, IOptions<BackplaneOptions>>((options, connection, backplane) =>
        {
            options.Configuration = connection.Value.Parse();
            options.Configuration.ChannelPrefix = RedisChannel.Literal(backplane.Value.ChannelPrefix + ":");
            options.Configuration.ClientName ??= "chatserver-backplane";
        });
        services.AddChatLifetimeManager<RedisHubLifetimeManager<ChatHub>>();

        // The stores, and the room feed that hands each instance its rooms' messages, presence and typing.
        services.AddValidatedOptions<ChatRedisOptions>(ChatRedisOptions.SectionName);
        services.AddSingleton<ChatRedisScripts>();
        services.AddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<ChatRedisOptions>>().Value.KeyPrefix));
        services.AddHostedService<RoomKeyMigration>(); // before anything reads a room: renames the previous key layout
        services.AddSingleton<IMessageStore, RedisMessageStore>();
        services.AddSingleton<IReadMarkerStore, RedisReadMarkerStore>();
        services.AddSingleton<RedisRoomFeed>();
        services.AddSingleton<IRoomFeed>(sp => sp.GetRequiredService<RedisRoomFeed>());
        services.AddHostedService<RoomFeedReplayService>();
        services.AddSingleton<RedisPresenceTracker>();
        services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddSingleton<ITypingTracker, RedisTypingTracker>();
        services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        services.AddSingleton<IUserStore, RedisUserStore>();
        services.AddSingleton<ISigningKeyStore, RedisSigningKeyStore>();
        services.AddSingleton<IRefreshTokenStore, RedisRefreshTokenStore>();
        services.AddHostedService<PresenceLeaseService>();

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
