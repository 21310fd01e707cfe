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
        var auth = endpoints.MapGroup("/api/auth").AllowAnonymous();
        auth.MapPost("/register", RegisterAsync);
        auth.MapPost("/login", LoginAsync);
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
