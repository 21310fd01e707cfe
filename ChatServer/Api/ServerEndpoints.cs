using ChatServer.Chat;

namespace ChatServer.Api;

/// <summary><c>/api/server</c>: which instance answered, and its mode.</summary>
public static class ServerEndpoints
{
    public static IEndpointRouteBuilder MapServerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Authenticated: the instance id names a host, which is nobody's business but the users'.
        endpoints.MapGet("/api/server", (ServerInfo server) => TypedResults.Ok(server)).RequireAuthorization()
            .WithTags("Server")
            .WithName("GetServerInfo")
            .WithSummary("Which instance answered")
            .WithDescription("The instance id and its mode: memory (one embedded instance) or redis (one of many sharing Redis). 401 without a valid access token.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}
