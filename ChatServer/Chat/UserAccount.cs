using System.Security.Cryptography;

namespace ChatServer.Chat;

/// <summary>
/// A registered user. <see cref="UserName"/> keeps the casing chosen at registration. <see cref="Id"/> is made at
/// registration and never changes, so a token names this account and not just its name: an account deleted and
/// registered again under the same name is another account. <see cref="SecurityStamp"/> changes when every token of
/// the account must stop working.
/// </summary>
public sealed record UserAccount(string Id, string UserName, string PasswordHash, string SecurityStamp, DateTime CreatedAt)
{
    /// <summary>A new account with a fresh id and security stamp (the password hash is set by the caller).</summary>
    public static UserAccount Create(string userName, string passwordHash, DateTime createdAt) =>
        new(NewId(), userName, passwordHash, NewSecurityStamp(), createdAt);

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
