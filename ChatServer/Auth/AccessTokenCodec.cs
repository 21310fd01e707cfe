using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatServer.Auth;

/// <summary>
/// Access tokens: <c>base64url("1|user|expiresUnixSeconds") "." base64url(HMAC-SHA256)</c>. Every instance signs
/// and checks with one shared key, so a token issued by one instance works on all of them.
/// </summary>
internal static class AccessTokenCodec
{
    private const string Version = "1";
    private const int MaxTokenLength = 512;

    public static string Create(string userName, DateTimeOffset expiresAt, byte[] key)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}|{userName}|{expiresAt.ToUnixTimeSeconds()}"));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The user named by a well-signed, unexpired token; null otherwise, whatever the reason.</summary>
    public static string? Read(string token, byte[] key, DateTimeOffset now)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > MaxTokenLength || dot <= 0)
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        return parts.Length == 3 && parts[0] == Version
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && now.ToUnixTimeSeconds() < expires
            ? parts[1]
            : null;
    }
}
