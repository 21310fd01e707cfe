namespace ChatServer.Chat;

/// <summary>A registered user. <see cref="UserName"/> keeps the casing chosen at registration.</summary>
public sealed record UserAccount(string UserName, string PasswordHash, DateTime CreatedAt);
