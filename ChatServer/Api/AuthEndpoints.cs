using ChatServer.Auth;
using ChatServer.Chat;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ChatServer.Api;

/// <summary><c>/api/auth</c>: register and log in. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").AllowAnonymous().WithTags("Auth");
        // ValidationProblem (400) and Created (201) describe themselves; a 409 or 401 is a ProblemHttpResult, which
        // does not say which status it carries, so those are declared.
        auth.MapPost("/register", RegisterAsync)
            .WithName("Register")
            .WithSummary("Register an account")
            .WithDescription("User names match ^[A-Za-z0-9_.-]{2,32}$ and are unique ignoring case; passwords are 8 to 128 characters. "
                + "400 names each bad field (a body that is not the documented JSON is a 400 too); 409 when the name is taken in any case.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Log in and get an access token")
            .WithDescription("Returns a bearer token valid for expiresIn seconds and the registered spelling of the name. "
                + "401 for a wrong name or password alike; 400 for a body that is not the documented JSON.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
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
        var unhashed = new UserAccount(userName, string.Empty, timeProvider.GetUtcNow().UtcDateTime);
        var account = unhashed with { PasswordHash = hasher.HashPassword(unhashed, credentials.Password!) };
        if (!await users.CreateAsync(account, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "User name is taken", detail: $"'{userName}' is already registered (names are unique ignoring case)");
        }

        return TypedResults.Created($"/api/users/{userName}", new RegisteredUser(userName));
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        Credentials? credentials, IUserStore users, IPasswordHasher<UserAccount> hasher, AccessTokenIssuer tokens, CancellationToken cancellationToken)
    {
        var account = ChatValidation.IsValidUserName(credentials?.UserName) && credentials!.Password is { Length: > 0 and <= ChatLimits.MaxPasswordLength }
            ? await users.FindAsync(credentials.UserName!, cancellationToken)
            : null;
        if (account is null)
        {
            // Hash anyway, so an unknown name takes as long as a wrong password and names cannot be probed by timing.
            hasher.HashPassword(new UserAccount("unknown", string.Empty, default), credentials?.Password ?? string.Empty);
        }

        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, credentials!.Password!) == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid user name or password");
        }

        return TypedResults.Ok(await tokens.IssueAsync(account.UserName, cancellationToken));
    }
}
