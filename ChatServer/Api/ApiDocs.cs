using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ChatServer.Api;

/// <summary>
/// The HTTP API describes itself: the OpenAPI document at <c>/openapi/v1.json</c>, generated from the minimal-API
/// endpoints, and an interactive reference at <c>/api/docs</c>. The hub is not in it (see docs/api.md).
/// </summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api/docs";

    public static IServiceCollection AddChatOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ChatServer HTTP API";
                document.Info.Description = "Accounts, tokens, rooms and history. The SignalR hub at /hubs/chat (methods and events) is described in docs/api.md.";
                // No server URLs: a client then resolves paths against wherever it fetched the document, which is
                // right for an instance and for nginx in front of many (a URL built from the request would lose
                // nginx's port, since it forwards Host without one).
                document.Servers = [];
                return Task.CompletedTask;
            });
            // The web JSON defaults also read numbers from strings, which the generator shows as "integer or a
            // string matching a pattern"; responses always carry numbers, so document only those.
            options.AddSchemaTransformer((schema, _, _) =>
            {
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<BearerSecuritySchemeTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapChatApiDocs(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous on purpose, also if a fallback authorization policy is ever added: the docs hold no data.
        endpoints.MapOpenApi(DocumentRoute).AllowAnonymous();
        endpoints.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("ChatServer API")
                .WithOpenApiRoutePattern(DocumentRoute)
                .AddDocument(DocumentName)
                // The page must not reach other hosts (closed networks, privacy): the script is the bundle embedded
                // in Scalar.AspNetCore, served by this app; fonts fall back to the system's.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .AllowAnonymous();
        return endpoints;
    }
}
