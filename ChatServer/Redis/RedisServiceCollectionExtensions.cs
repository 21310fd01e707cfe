using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatServer.Redis;

/// <summary>
/// DI registration: validated <see cref="RedisOptions"/>, one <see cref="RedisConnection"/> singleton, and a
/// hosted service that connects it at start-up (not in a constructor) and closes it at shutdown.
/// </summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>Binds options from <paramref name="section"/> (e.g. <c>configuration.GetSection("Redis")</c>).</summary>
    public static IServiceCollection AddRedisClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<RedisOptions>().Bind(section);
        return services.AddRedisClientCore();
    }

    /// <summary>Options from a connection string: <c>host:port,password=…,user=…,defaultDatabase=N,…</c>.</summary>
    public static IServiceCollection AddRedisClient(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<RedisOptions>().Configure(options => options.Configuration = connectionString);
        return services.AddRedisClientCore();
    }

    private static IServiceCollection AddRedisClientCore(this IServiceCollection services)
    {
        // The connection string is applied after binding, so it wins over individual keys; a bad one is recorded
        // and reported by the validator, which ValidateOnStart runs before the host accepts traffic.
        services.AddOptions<RedisOptions>()
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.Configuration)) return;
                try
                {
                    options.ApplyConnectionString(options.Configuration);
                }
                catch (FormatException ex)
                {
                    options.ConfigurationError = ex.Message;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        services.TryAddSingleton(sp => new RedisConnection(
            sp.GetRequiredService<IOptions<RedisOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>()));
        services.AddHostedService<RedisConnectionHostedService>();
        return services;
    }
}
