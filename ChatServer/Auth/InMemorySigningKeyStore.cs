namespace ChatServer.Auth;

/// <summary>The ring of the single in-memory instance: it lives and dies with the process. Serves one instance only.</summary>
public sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<SigningKey>> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<SigningKey>>([.. _keys.Values]);
        }
    }

    public Task SaveAsync(IReadOnlyList<SigningKey> add, IReadOnlyList<string> remove, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var key in add)
            {
                _keys.TryAdd(key.Id, key);
            }

            foreach (var id in remove)
            {
                _keys.Remove(id);
            }
        }

        return Task.CompletedTask;
    }
}
