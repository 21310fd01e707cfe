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
            .WithDescription("Public rooms with members or history, and the caller's direct rooms, with how many users are online in each: "
                + "the busiest first (then by name), one page of them. When more remain, a Link header (rel=\"next\") names the next page's URL. "
                + "400 for a limit out of range or a cursor this server did not hand out.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
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

    private static async Task<Ok<RoomInfo[]>> ListAsync(
        [Description("Rooms in the page, 1..Chat:Limits:RoomListMaxLimit (500). Default: Chat:Limits:RoomListDefaultLimit (100).")] int? limit,
        [Description("Where the page starts: the cursor from the previous page's Link header. Default: the busiest room.")] string? cursor,
        ClaimsPrincipal user, ChatRoomService chat, HttpResponse response, CancellationToken cancellationToken)
    {
        // The body stays the v1 array; the next page is named in a Link header, which v1 clients ignore.
        var page = await chat.ListRoomsAsync(UserName(user), limit, cursor, cancellationToken);
        if (page.NextCursor is { } next)
        {
            var query = limit is { } size ? $"limit={size}&" : string.Empty;
            response.Headers.Link = $"</api/rooms?{query}cursor={Uri.EscapeDataString(next)}>; rel=\"next\"";
        }

        return TypedResults.Ok(page.Rooms);
    }

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
