namespace ChatServer.Chat;

/// <summary>Registered accounts; names are unique ignoring case.</summary>
public interface IUserStore
{
    /// <summary>False when the name (ignoring case) is taken.</summary>
    Task<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken);

    /// <summary>The account with this name, matched ignoring case.</summary>
    Task<UserAccount?> FindAsync(string userName, CancellationToken cancellationToken);
}
