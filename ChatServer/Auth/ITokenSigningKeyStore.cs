namespace ChatServer.Auth;

/// <summary>
/// The key that signs access tokens. In memory mode it lives and dies with the process; in Redis mode every
/// instance uses the one stored in Redis.
/// </summary>
public interface ITokenSigningKeyStore
{
    ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken);
}
