using Microsoft.IdentityModel.Tokens;

namespace ChatServer.Auth;

/// <summary>
/// What one instance knows of the signing keys at a moment: immutable, replaced as a whole on every refresh, so the
/// token validator reads it without locks. The newest key (then the greatest id, so every instance picks the same
/// one) signs; all of them validate.
/// </summary>
public sealed class SigningKeyRing
{
    private readonly Dictionary<string, SigningKey> _byId;

    public SigningKeyRing(IEnumerable<SigningKey> keys)
    {
        Keys = [.. keys.OrderByDescending(key => key.CreatedAt).ThenByDescending(key => key.Id, StringComparer.Ordinal)];
        _byId = Keys.ToDictionary(key => key.Id, StringComparer.Ordinal);
    }

    public static SigningKeyRing Empty { get; } = new([]);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<SigningKey> Keys { get; }

    /// <summary>The key that signs new tokens; null before the first refresh.</summary>
    public SigningKey? Current => Keys.Count > 0 ? Keys[0] : null;

    public bool Contains(string keyId) => _byId.ContainsKey(keyId);

    public SecurityKey? Find(string? keyId) => keyId is not null && _byId.TryGetValue(keyId, out var key) ? key.SecurityKey : null;
}
