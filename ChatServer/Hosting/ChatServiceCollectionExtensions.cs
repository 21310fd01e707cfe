using ChatServer.Api;
using ChatServer.Api.RateLimiting;
using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Chat.InMemory;
using ChatServer.Chat.Options;
using ChatServer.Delivery;
using ChatServer.Hubs;
using ChatServer.Metrics;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatServer.Hosting;

/// <summary>The pieces <c>Program.cs</c> lists, one extension each.</summary>
public static class ChatServiceCollectionExtensions
{
    /// <summary>Options (validated at start-up), the chat domain service and this instance's identity.</summary>
    public static IServiceCollection AddChatCore(this IServiceCollection services, string mode)
    {
        services.AddValidatedOptions<ChatOptions>(ChatOptions.SectionName);
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.SectionName);
        services.AddValidatedOptions<HistoryOptions>(HistoryOptions.SectionName);
        services.AddValidatedOptions<PresenceOptions>(PresenceOptions.SectionName);
        services.AddValidatedOptions<TypingOptions>(TypingOptions.SectionName);
        services.AddValidatedOptions<MemoryOptions>(MemoryOptions.SectionName);
        services.AddValidatedOptions<LimitsOptions>(LimitsOptions.SectionName);
        services.AddValidatedOptions<NetworkOptions>(NetworkOptions.SectionName);
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ServerInfo(sp.GetRequiredService<IOptions<ChatOptions>>().Value.ResolveInstanceId(), mode));
        services.AddSingleton<ChatRoomService>();
        services.AddSingleton<MessageChangeService>();
        services.AddSingleton<ReadStateService>();
        services.AddSingleton<MentionResolver>();
        services.AddSingleton<IChatBroadcaster, HubChatBroadcaster>();
        services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.SectionName);
        services.AddSingleton<RoomDelivery>();
        services.AddValidatedOptions<BroadcastOptions>(BroadcastOptions.SectionName);
        services.AddSingleton<RoomSignalCoalescer>();
        services.AddHostedService<RoomSignalFlushService>();
        services.AddChatShutdownDrain();
        services.AddHostedService<TypingExpiryService>();
        return services;
    }

    /// <summary>The single-instance stores: everything in process memory.</summary>
    public static IServiceCollection AddChatInMemoryStores(this IServiceCollection services)
    {
        services.AddChatLifetimeManager<DefaultHubLifetimeManager<ChatHub>>();
        services.AddSingleton<InMemoryMessageStore>();
        services.AddSingleton<IMessageStore>(sp => sp.GetRequiredService<InMemoryMessageStore>());
        services.AddSingleton<IRoomFeed>(sp => sp.GetRequiredService<InMemoryMessageStore>());
        services.AddSingleton<IReadMarkerStore, InMemoryReadMarkerStore>();
        services.AddSingleton<IPresenceTracker, InMemoryPresenceTracker>();
        services.AddSingleton<ITypingTracker, InMemoryTypingTracker>();
        services.AddSingleton<IRateLimiter, InMemoryRateLimiter>();
        services.AddSingleton<IUserStore, InMemoryUserStore>();
        services.AddSingleton<ISigningKeyStore, InMemorySigningKeyStore>();
        services.AddSingleton<IRefreshTokenStore, InMemoryRefreshTokenStore>();
        return services;
    }

    /// <summary>
    /// JWT access tokens validated by JwtBearer (<see cref="JwtBearerSetup"/>), in the Authorization header everywhere and
    /// the <c>access_token</c> query parameter on the hub, signed with the key ring of the registered
    /// <see cref="ISigningKeyStore"/>; sessions with refresh tokens in the registered <see cref="IRefreshTokenStore"/>.
    /// </summary>
    public static IServiceCollection AddChatAuthentication(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddSingleton<SigningKeyRingProvider>();
        services.AddHostedService<KeyRingRefreshService>();
        services.AddSingleton<AccountVerifier>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<SessionService>();
        services.AddValidatedOptions<ProvisioningOptions>(ProvisioningOptions.SectionName);
        services.AddSingleton<SessionProvisioner>();
        services.AddValidatedOptions<AuthLimitOptions>(AuthLimitOptions.SectionName);
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, AuthAddressRateLimiterPolicy>(AuthAddressRateLimiterPolicy.Name);
        });
        services.AddSingleton<ChatJwtBearerEvents>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        services.AddSingleton<IUserIdProvider, UserNameIdProvider>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        return services;
    }

    public static IServiceCollection AddChatSignalR(this IServiceCollection services)
    {
        services.AddSingleton<SendDurationFilter>();
        services.AddSingleton<ChatHubErrorFilter>();
        services.AddSingleton<InFlightInvocationFilter>();
        services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = ChatLimits.MaxHubMessageBytes;

                // Outermost, so the time includes turning a failure into the caller's error.
                options.AddFilter<SendDurationFilter>();
                options.AddFilter<ChatHubErrorFilter>();
                options.AddFilter<InFlightInvocationFilter>();
            })
            // JSON stays the default; a client that asks for MessagePack gets it on the same hub, and a broadcast is
            // serialized once per protocol in use, whatever the mix of clients in a room.
            .AddMessagePackProtocol();
        return services;
    }

    /// <summary>ProblemDetails for every HTTP error, including a <see cref="ChatException"/> thrown by an endpoint.</summary>
    public static IServiceCollection AddChatProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ChatExceptionHandler>();
        return services;
    }

    /// <summary>
    /// The hub's lifetime manager: SignalR's <typeparamref name="TInner"/> (in memory, or its Redis backplane) inside
    /// <see cref="ChatHubLifetimeManager"/>, which shows room delivery the connections this instance holds.
    /// </summary>
    internal static void AddChatLifetimeManager<TInner>(this IServiceCollection services)
        where TInner : HubLifetimeManager<ChatHub>
    {
        services.AddSingleton<TInner>();
        services.AddSingleton<HubLifetimeManager<ChatHub>>(sp => new ChatHubLifetimeManager(
            sp.GetRequiredService<TInner>(),
            sp.GetRequiredService<RoomDelivery>(),
            sp.GetRequiredService<ConnectionDrain>(),
            sp.GetRequiredService<ConnectionRefusals>(),
            sp.GetRequiredService<ChatMetrics>()));
    }

    internal static void AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();
    }
}
