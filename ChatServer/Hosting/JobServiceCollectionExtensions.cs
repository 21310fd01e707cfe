using ChatServer.Chat.Redis;
using ChatServer.Hubs;
using ChatServer.Jobs;
using ChatServer.Jobs.Export;
using ChatServer.Jobs.InMemory;
using ChatServer.Jobs.Redis;
using Microsoft.Extensions.Options;

namespace ChatServer.Hosting;

/// <summary>Background jobs: the queue, state and results for the mode, the runner and workers, and the job kinds.</summary>
public static class JobServiceCollectionExtensions
{
    /// <summary>True for <c>--Jobs:Role=worker</c>: a process that runs jobs and serves no chat.</summary>
    public static bool IsWorkerOnly(this IConfiguration configuration) =>
        string.Equals(configuration[$"{JobOptions.SectionName}:{nameof(JobOptions.Role)}"], JobOptions.WorkerRole, StringComparison.Ordinal);

    public static IServiceCollection AddChatJobs(this IServiceCollection services, bool redisMode)
    {
        services.AddValidatedOptions<JobOptions>(JobOptions.SectionName);
        services.AddSingleton<IValidateOptions<JobOptions>, JobOptionsValidator>();
        if (redisMode)
        {
            services.AddSingleton(sp => new JobRedisKeys(sp.GetRequiredService<IOptions<ChatRedisOptions>>().Value.KeyPrefix));
            services.AddSingleton<IJobStore, RedisJobStore>();
            services.AddSingleton<IJobQueue, RedisJobQueue>();
            services.AddSingleton<IJobResultStore, RedisJobResultStore>();
        }
        else
        {
            services.AddSingleton<IJobStore, InMemoryJobStore>();
            services.AddSingleton<IJobQueue, InMemoryJobQueue>();
            services.AddSingleton<IJobResultStore, InMemoryJobResultStore>();
        }

        services.AddSingleton<IJobNotifier, HubJobNotifier>();
        services.AddSingleton<JobHandlers>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService<JobWorkerService>();

        services.AddValidatedOptions<RoomExportOptions>(RoomExportOptions.SectionName);
        services.AddJobHandler<RoomExportJob>();
        return services;
    }

    /// <summary>Registers a job kind: workers run jobs whose kind is <typeparamref name="THandler"/>'s <see cref="IJobHandler.Kind"/>.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddSingleton<IJobHandler, THandler>();
        return services;
    }
}
