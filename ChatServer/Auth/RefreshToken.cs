using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatServer.Auth;

/// <summary>
/// A refresh token's text is <c>{familyId}.{secret}</c>, both base64url: 16 random bytes name the family (the chain of
/// tokens one login hands out, one rotation after another) and 32 random bytes make it unguessable. Stores keep only
/// <see cref="Hash"/> (SHA-256 of the whole text), so what they hold cannot be presented as a token. The family id in
/// the clear lets a store find the family (and keep its keys in one Redis hash slot) without an index.
/// </summary>
public sealed partial class RefreshToken
{
    /// <summary>Longer input is rejected before hashing (a client sends exactly <c>22 + 1 + 43</c> characters).</summary>
    public const int MaxLength = 128;

    private RefreshToken(string familyId, string text)
    {
        FamilyId = familyId;
        Text = text;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string FamilyId { get; }

    /// <summary>What the client holds; never logged or stored.</summary>
    public string Text { get; }

    public string Hash { get; }

    /// <summary>The first token of a new family.</summary>
    public static RefreshToken StartFamily() => Create(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));

    /// <summary>The token that replaces this one in its family.</summary>
    public RefreshToken Next() => Create(FamilyId);

    /// <summary>Null when the text is not shaped like a refresh token.</summary>
    public static RefreshToken? Parse(string? text)
    {
        if (text is null || text.Length > MaxLength || Format().Match(text) is not { Success: true } match)
        {
            return null;
        }

        return new RefreshToken(match.Groups["family"].Value, text);
    }

    private static RefreshToken Create(string familyId) => new(familyId, familyId + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    [GeneratedRegex(@"^(?<family>[A-Za-z0-9_-]{22})\.[A-Za-z0-9_-]{43}\z")]
    private static partial Regex Format();
}
