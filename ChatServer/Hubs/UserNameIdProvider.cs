using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// <see cref="HubCallerContext.UserIdentifier"/> is the user name (the token's <c>name</c> claim), not the account id
/// in <c>sub</c>: rooms, presence and <c>Clients.User</c> all know users by name.
/// </summary>
internal sealed class UserNameIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.Identity?.Name;
}
