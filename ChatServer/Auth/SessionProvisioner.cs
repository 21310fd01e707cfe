using ChatServer.Chat;
using Microsoft.AspNetCore.Identity;

namespace ChatServer.Auth;

/// <summary>
/// Sessions for many load-test users at once. Registering and logging in costs a password hash each (about 100 ms of
/// CPU), so 300 users took 40 s; here the password is hashed once per request and shared by the accounts it creates,
/// and an existing account is verified once per distinct stored hash, so a rerun over the same users costs one
/// verification. Real accounts are not weakened: an existing account gets a session only if the password matches
/// its own hash, exactly as a login would check.
/// </summary>
public sealed class SessionProvisioner(IUserStore users, IPasswordHasher<UserAccount> hasher, SessionService sessions, TimeProvider time)
{
    /// <returns>One session per name, in order; null when an existing account's password differs.</returns>
    public async Task<LoginResponse[]?> ProvisionAsync(IReadOnlyList<string> userNames, string password, CancellationToken cancellationToken)
    {
        var template = UserAccount.Create("provisioned", string.Empty, time.GetUtcNow().UtcDateTime);
        var sharedHash = hasher.HashPassword(template, password);
        var verifiedHashes = new Dictionary<string, bool>(StringComparer.Ordinal) { [sharedHash] = true };
        var responses = new LoginResponse[userNames.Count];
        for (var index = 0; index < userNames.Count; index++)
        {
            var account = await FindOrCreateAsync(userNames[index], sharedHash, cancellationToken);
            if (!verifiedHashes.TryGetValue(account.PasswordHash, out var verified))
            {
                verified = hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
                verifiedHashes[account.PasswordHash] = verified;
            }

            if (!verified)
            {
                return null;
            }

            responses[index] = await sessions.StartAsync(account, cancellationToken);
        }

        return responses;
    }

    private async Task<UserAccount> FindOrCreateAsync(string userName, string passwordHash, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userName, cancellationToken) is { } existing)
        {
            return existing;
        }

        var created = UserAccount.Create(userName, passwordHash, time.GetUtcNow().UtcDateTime);
        if (await users.CreateAsync(created, cancellationToken))
        {
            return created;
        }

        // Registered by someone else between the two calls: theirs it is.
        return await users.FindAsync(userName, cancellationToken)
            ?? throw new InvalidOperationException($"'{userName}' is taken but cannot be found");
    }
}
