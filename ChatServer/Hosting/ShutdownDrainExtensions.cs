using ChatServer.Delivery;

namespace ChatServer.Hosting;

/// <summary>The graceful drain at SIGTERM (<see cref="ConnectionDrain"/>): its services, and refusing new hub connections meanwhile.</summary>
public static class ShutdownDrainExtensions
{
    public static IServiceCollection AddChatShutdownDrain(this IServiceCollection services)
    {
        services.AddValidatedOptions<ShutdownOptions>(ShutdownOptions.SectionName);
        services.AddSingleton<InFlightInvocations>();
        services.AddSingleton<ConnectionRefusals>();
        services.AddSingleton<ConnectionDrain>();
        services.AddSingleton<IHostLifetime, DrainingHostLifetime>();
        services.AddHealthChecks().AddCheck<DrainHealthCheck>("drain", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>503 for new hub connections while draining; call before <c>MapChatHub</c>.</summary>
    public static IApplicationBuilder UseDrainAdmission(this IApplicationBuilder app) =>
        app.UseMiddleware<DrainAdmissionMiddleware>();
}
