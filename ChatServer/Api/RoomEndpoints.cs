using System.ComponentModel;
using System.Security.Claims;
using ChatServer.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatServer.Api;

/// <summary><c>/api/rooms</c>: the room list and history pages, for the authenticated caller.</summary>
public static class RoomEndpoints
{
    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Without a valid token the authentication middleware answers 401 (a ProblemDetails, by the status code pages).
        var rooms = endpoints.MapGroup("/api/rooms").RequireAuthorization().WithTags("Rooms")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        rooms.MapGet("/", ListAsync)
            .WithName("ListRooms")
            .WithSummary("List rooms")
            .WithDescription("Public rooms with members or history, and the caller's direct rooms, with how many users are online in each.");
        // Invalid input and another pair's direct room are ChatExceptions, turned into these by ChatExceptionHandler.
        rooms.MapGet("/{room}/messages", GetMessagesAsync)
            .WithName("GetMessages")
            .WithSummary("Read a room's history")
            .WithDescription("Messages strictly before 'before' (default: the newest), oldest first; hasMore when older ones remain. "
                + "400 for a bad room name, id or limit; 403 for a direct room the caller is not part of.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<Ok<RoomInfo[]>> ListAsync(ClaimsPrincipal user, ChatRoomService chat, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chat.ListRoomsAsync(UserName(user), cancellationToken));

    private static async Task<Ok<HistoryPage>> GetMessagesAsync(
        [Description("A public room (^[a-z0-9][a-z0-9_-]{0,63}$) or a direct room dm:{a}:{b}.")] string room,
        [Description("A message id (\"<ms>-<seq>\"); only older messages are returned. Default: the newest.")] string? before,
        [Description("How many messages, 1..100. Default: 50.")] int? limit,
        ClaimsPrincipal user, ChatRoomService chat, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chat.GetHistoryAsync(UserName(user), room, before, limit ?? ChatLimits.DefaultHistoryLimit, "before", cancellationToken));

    /// <summary>The token's user name (its <c>name</c> claim, the principal's name claim type).</summary>
    internal static string UserName(ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("Authenticated principal has no name");
}
