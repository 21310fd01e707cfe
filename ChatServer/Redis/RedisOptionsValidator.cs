using Microsoft.Extensions.Options;

namespace ChatServer.Redis;

/// <summary>Start-up validation of <see cref="RedisOptions"/>, so a typo in the connection string stops the host with a clear message.</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem with the options; empty when they are usable.</summary>
    public static List<string> Check(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ConfigurationError is not null) failures.Add($"Redis:Configuration is invalid: {options.ConfigurationError}");
        if (string.IsNullOrWhiteSpace(options.Host)) failures.Add("Redis host is required.");
        if (options.Port is < 1 or > 65535) failures.Add($"Redis port {options.Port} is out of range 1-65535.");
        if (options.DefaultDatabase < 0) failures.Add("Redis defaultDatabase must be 0 or more.");
        if (options.User is not null && options.Password is null) failures.Add("Redis user is set without a password.");
        if (options.ConnectTimeout <= TimeSpan.Zero) failures.Add("Redis connectTimeout must be positive.");
        if (options.LoadingTimeout < TimeSpan.Zero) failures.Add("Redis loadingTimeout must not be negative.");
        if (options.CommandTimeout <= TimeSpan.Zero) failures.Add("Redis commandTimeout must be positive.");
        if (options.ReconnectMinDelay <= TimeSpan.Zero) failures.Add("Redis reconnectMinDelay must be positive.");
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay) failures.Add("Redis reconnectMaxDelay must not be below reconnectMinDelay.");
        if (options.SubscriptionQueueCapacity < 1) failures.Add("Redis subscriptionQueueCapacity must be at least 1.");
        if (options.ClientName is { } clientName && clientName.Any(c => c is ' ' or '\r' or '\n'))
        {
            failures.Add("Redis client name must not contain spaces or newlines.");
        }

        return failures;
    }
}
