using Microsoft.Extensions.Options;

namespace ChatServer.Chat.Redis;

/// <summary>Start-up validation: a malformed connection string stops the host with the library's own message.</summary>
internal sealed class RedisConnectionOptionsValidator : IValidateOptions<RedisConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisConnectionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            return ValidateOptionsResult.Fail("Redis:Configuration is required in Redis mode.");
        }

        try
        {
            return options.Parse().EndPoints.Count == 0
                ? ValidateOptionsResult.Fail("Redis:Configuration names no endpoint (expected host:port).")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail($"Redis:Configuration is invalid: {exception.Message}");
        }
    }
}
