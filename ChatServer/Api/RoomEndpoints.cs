using System.Security.Claims;
using ChatServer.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatServer.Api;

/// <summary><c>/api/rooms</c>: the room list and history pages, for the authenticated caller.</summary>
public static class RoomEndpoints
{
    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var rooms = endpoints.MapGroup("/api/rooms").RequireAuthorization();
        rooms.MapGet("/", ListAsync);
        rooms.MapGet("/{room}/messages", GetMessagesAsync);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<RoomInfo>>> ListAsync(ClaimsPrincipal user, ChatRoomService chat, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chat.ListRoomsAsync(UserName(user), cancellationToken));

    private static async Task<Ok<HistoryPage>> GetMessagesAsync(
        string room, string? before, int? limit, ClaimsPrincipal user, ChatRoomService chat, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chat.GetHistoryAsync(UserName(user), room, before, limit ?? ChatLimits.DefaultHistoryLimit, "before", cancellationToken));

    private static string UserName(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Authenticated principal has no name identifier");
}
