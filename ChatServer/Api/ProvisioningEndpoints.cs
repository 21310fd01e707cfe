using System.Security.Cryptography;
using System.Text;
using ChatServer.Auth;
using ChatServer.Chat;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChatServer.Api;

/// <summary>
/// <c>POST /api/provisioning/sessions</c>: sessions for many load-test users in one request (see
/// <see cref="SessionProvisioner"/>). Mapped only when <c>Chat:Provisioning:Enabled</c> is true, so a default server
/// answers 404 as for any unknown path; even then only callers holding the key get in.
/// </summary>
public static class ProvisioningEndpoints
{
    public const string KeyHeader = "X-Provisioning-Key";

    public static IEndpointRouteBuilder MapProvisioningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
        if (!options.Enabled)
        {
            return endpoints;
        }

        endpoints.MapPost("/api/provisioning/sessions", ProvisionAsync)
            .AllowAnonymous()
            .WithTags("Provisioning")
            .WithName("ProvisionSessions")
            .WithSummary("Sessions for many load-test users (off unless Chat:Provisioning:Enabled)")
            .WithDescription($"Needs the {KeyHeader} header. Registers the names that are new with the password (hashed once for the whole request) "
                + "and returns one login response per name, in order. 401 for a missing or wrong key; 400 for bad names, a bad password or too many names; "
                + "409 when an existing account has another password.")
            .WithMetadata(new RequestSizeLimitAttribute(1024 * 1024))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<Results<Ok<LoginResponse[]>, ValidationProblem, ProblemHttpResult>> ProvisionAsync(
        ProvisionSessionsRequest? request, HttpRequest http, IOptions<ProvisioningOptions> options, SessionProvisioner provisioner, CancellationToken cancellationToken)
    {
        if (!KeyMatches(http.Headers[KeyHeader].ToString(), options.Value.Key!))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"A valid {KeyHeader} header is required");
        }

        if (Validate(request, options.Value.MaxUsersPerRequest) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await provisioner.ProvisionAsync(request!.UserNames!, request.Password!, cancellationToken) is { } sessions
            ? TypedResults.Ok(sessions)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An existing account has another password");
    }

    private static bool KeyMatches(string presented, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Dictionary<string, string[]>? Validate(ProvisionSessionsRequest? request, int maxUsers)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.UserNames is not { Length: > 0 } names || names.Length > maxUsers)
        {
            errors["userNames"] = [$"userNames must list 1 to {maxUsers} names"];
        }
        else if (names.Select(ChatValidation.UserNameError).FirstOrDefault(error => error is not null) is { } nameError)
        {
            errors["userNames"] = [nameError];
        }
        else if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
        {
            errors["userNames"] = ["userNames must not repeat a name (names are unique ignoring case)"];
        }

        if (ChatValidation.PasswordError(request?.Password) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        return errors.Count > 0 ? errors : null;
    }
}
