using Microsoft.Extensions.Options;

namespace ChatServer.Jobs;

/// <summary>A worker-only process shares the queue with the instances through Redis; without Redis it could do nothing.</summary>
public sealed class JobOptionsValidator(ServerInfo server) : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options) =>
        options.IsWorkerOnly && server.Mode != ServerInfo.RedisMode
            ? ValidateOptionsResult.Fail("Jobs:Role=worker needs Redis (Redis:Configuration): a worker-only process takes its jobs from the instances' shared queue")
            : ValidateOptionsResult.Success;
}
