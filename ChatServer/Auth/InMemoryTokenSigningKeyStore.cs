using System.Security.Cryptography;

namespace ChatServer.Auth;

/// <summary>A random key per process: tokens stop working when the single instance restarts.</summary>
public sealed class InMemoryTokenSigningKeyStore : ITokenSigningKeyStore
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_key);
}
