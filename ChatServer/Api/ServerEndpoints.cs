using ChatServer.Chat;

namespace ChatServer.Api;

/// <summary><c>/api/server</c>: which instance answered, and its mode.</summary>
public static class ServerEndpoints
{
    public static IEndpointRouteBuilder MapServerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/server", (ServerInfo server) => TypedResults.Ok(server)).AllowAnonymous()
            .WithTags("Server")
            .WithName("GetServerInfo")
            .WithSummary("Which instance answered")
            .WithDescription("The instance id and its mode: memory (one embedded instance) or redis (one of many sharing Redis).");
        return endpoints;
    }
}
