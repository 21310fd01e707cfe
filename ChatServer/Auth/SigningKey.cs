using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ChatServer.Auth;

/// <summary>
/// One HMAC-SHA256 key of the ring. Its <see cref="Id"/> is the JWT header's <c>kid</c>; an id names one key forever
/// (stores never overwrite a key), so every instance that knows the id knows the same key.
/// </summary>
public sealed class SigningKey
{
    public const int MaterialBytes = 32;

    public SigningKey(string id, byte[] material, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (material.Length < MaterialBytes)
        {
            throw new ArgumentException($"A signing key needs at least {MaterialBytes} bytes.", nameof(material));
        }

        Id = id;
        Material = material;
        CreatedAt = createdAt;
        SecurityKey = new SymmetricSecurityKey(material) { KeyId = id };
    }

    public string Id { get; }

    public byte[] Material { get; }

    /// <summary>When it was made: the newest key signs; an older one only validates until its grace period ends.</summary>
    public DateTimeOffset CreatedAt { get; }

    public SymmetricSecurityKey SecurityKey { get; }

    /// <summary>A new random key with a random id.</summary>
    public static SigningKey Create(DateTimeOffset createdAt) =>
        new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)), RandomNumberGenerator.GetBytes(MaterialBytes), createdAt);
}
