namespace ChatServer.Auth;

/// <summary>
/// Where the signing-key ring is kept: in process memory for the single instance, in Redis for instances sharing it.
/// Keys are only added when absent and removed by id; a stored key is never changed.
/// </summary>
public interface ISigningKeyStore
{
    Task<IReadOnlyList<SigningKey>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Adds each key whose id is absent (an existing id keeps its key) and removes the given ids.</summary>
    Task SaveAsync(IReadOnlyList<SigningKey> add, IReadOnlyList<string> remove, CancellationToken cancellationToken);
}
