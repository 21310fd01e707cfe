using System.Globalization;
using System.Threading.RateLimiting;
using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatServer.Api.RateLimiting;

/// <summary>
/// Register and login, per client address (<see cref="AuthLimitOptions.Address"/>), across all instances: each
/// attempt costs a password hash. An in-process host with no address is not limited here (tests only).
/// </summary>
internal sealed class AuthAddressRateLimiterPolicy(IRateLimiter limiter, IOptions<AuthLimitOptions> options, TimeProvider time) : IRateLimiterPolicy<string>
{
    public const string Name = "auth-address";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        ClientAddress.Of(httpContext) is { } address
            ? RateLimitPartition.Get(address, key => new SharedTokenBucketLimiter(limiter, RateLimitBuckets.AddressAuth(key), options.Value.Address, time))
            : RateLimitPartition.GetNoLimiter(string.Empty);

    /// <summary>429 with <c>Retry-After</c> in whole seconds, and a ProblemDetails body saying when to try again.</summary>
    internal static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? RateLimitDecision.WholeSeconds(retryAfter) : 1;
        await WriteTooManyRequestsAsync(context.HttpContext, seconds, "Too many attempts from this address");
    }

    internal static async Task WriteTooManyRequestsAsync(HttpContext httpContext, int seconds, string what)
    {
        httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Title = string.Create(CultureInfo.InvariantCulture, $"{what}; retry in {seconds} s"), Status = StatusCodes.Status429TooManyRequests },
        });
    }
}
