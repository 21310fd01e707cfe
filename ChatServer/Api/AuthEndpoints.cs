using System.Globalization;
using System.Security.Claims;
using ChatServer.Api.RateLimiting;
using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ChatServer.Api;

/// <summary>
/// <c>/api/auth</c>: register, log in, refresh and log out. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/>; sessions are <see cref="SessionService"/>'s.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>Every body here is a few hundred bytes; larger ones are refused before they are read.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        // ValidationProblem (400) and Created (201) describe themselves; a 409 or 401 is a ProblemHttpResult, which
        // does not say which status it carries, so those are declared.
        auth.MapPost("/register", RegisterAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AuthAddressRateLimiterPolicy.Name)
            .WithName("Register")
            .WithSummary("Register an account")
            .WithDescription("User names match ^[A-Za-z0-9_.-]{2,32}$ and are unique ignoring case; passwords are 8 to 128 characters. "
                + "400 names each bad field (a body that is not the documented JSON is a 400 too); 409 when the name is taken in any case; "
                + "429 with Retry-After when the client address made too many register and login requests.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AuthAddressRateLimiterPolicy.Name)
            .WithName("Login")
            .WithSummary("Log in and get an access token and a refresh token")
            .WithDescription("Returns a bearer token (a JWT) valid for expiresIn seconds, the registered spelling of the name, and a refresh token "
                + "for POST /api/auth/refresh. 401 for a wrong name or password alike; 400 for a body that is not the documented JSON; "
                + "429 with Retry-After after repeated failures for the account, or too many requests from the client address.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .WithName("Refresh")
            .WithSummary("Trade a refresh token for a new access token and a new refresh token")
            .WithDescription("The presented refresh token stops working; presenting it again revokes every token of its session (reuse detection). "
                + "401 for an unknown, expired, revoked or reused refresh token, or when the account is gone; 400 for a missing or oversized one.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", LogoutAsync)
            .RequireAuthorization()
            .WithName("Logout")
            .WithSummary("End the session of a refresh token")
            .WithDescription("The refresh token, and every token refreshed from the same login, stop working. Answers 204 also for a token "
                + "that is already ended or not the caller's (nothing to end). The access token works until it expires. 400 for a missing or oversized one.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        Credentials? credentials, IUserStore users, IPasswordHasher<UserAccount> hasher, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (ChatValidation.UserNameError(credentials?.UserName) is { } nameError)
        {
            errors["userName"] = [nameError];
        }

        if (ChatValidation.PasswordError(credentials?.Password) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userName = credentials!.UserName!;
        var unhashed = UserAccount.Create(userName, string.Empty, timeProvider.GetUtcNow().UtcDateTime);
        var account = unhashed with { PasswordHash = hasher.HashPassword(unhashed, credentials.Password!) };
        if (!await users.CreateAsync(account, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "User name is taken", detail: $"'{userName}' is already registered (names are unique ignoring case)");
        }

        return TypedResults.Created($"/api/users/{userName}", new RegisteredUser(userName));
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        Credentials? credentials, HttpContext httpContext, IUserStore users, IPasswordHasher<UserAccount> hasher, SessionService sessions, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        var address = ClientAddress.Of(httpContext);
        var named = ChatValidation.IsValidUserName(credentials?.UserName);
        if (named && await throttle.CheckAsync(credentials!.UserName!, address, cancellationToken) is { Allowed: false } wait)
        {
            var seconds = RateLimitDecision.WholeSeconds(wait.RetryAfter);
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: string.Create(CultureInfo.InvariantCulture, $"Too many failed logins for this account; retry in {seconds} s"));
        }

        var account = named && credentials!.Password is { Length: > 0 and <= ChatLimits.MaxPasswordLength }
            ? await users.FindAsync(credentials.UserName!, cancellationToken)
            : null;
        if (account is null)
        {
            // Hash anyway, so an unknown name takes as long as a wrong password and names cannot be probed by timing.
            hasher.HashPassword(UserAccount.Create("unknown", string.Empty, default), credentials?.Password ?? string.Empty);
        }

        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, credentials!.Password!) == PasswordVerificationResult.Failed)
        {
            if (named)
            {
                await throttle.RecordFailureAsync(credentials!.UserName!, address, cancellationToken);
            }

            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid user name or password");
        }

        return TypedResults.Ok(await sessions.StartAsync(account, cancellationToken));
    }

    private static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshTokenRequest? request, SessionService sessions, CancellationToken cancellationToken)
    {
        if (RefreshTokenProblem(request) is { } problem)
        {
            return problem;
        }

        return await sessions.RefreshAsync(request!.RefreshToken!, cancellationToken) is { } response
            ? TypedResults.Ok(response)
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token is invalid, expired or revoked: log in again");
    }

    private static async Task<Results<NoContent, ValidationProblem>> LogoutAsync(
        RefreshTokenRequest? request, ClaimsPrincipal user, SessionService sessions, CancellationToken cancellationToken)
    {
        if (RefreshTokenProblem(request) is { } problem)
        {
            return problem;
        }

        var userName = user.Identity?.Name ?? throw new InvalidOperationException("Authenticated principal has no name");
        await sessions.EndAsync(request!.RefreshToken!, userName, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? RefreshTokenProblem(RefreshTokenRequest? request) => request?.RefreshToken switch
    {
        null or "" => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["refreshToken is required: the refreshToken from login or refresh"] }),
        { Length: > RefreshToken.MaxLength } => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = [$"refreshToken is at most {RefreshToken.MaxLength} characters"] }),
        _ => null,
    };
}
