namespace ChatServer.Auth;

/// <summary>Whose a refresh-token family is: the account it was issued to, as it was at login.</summary>
public sealed record RefreshTokenFamily(string Id, string UserName, string AccountId, string SecurityStamp);
