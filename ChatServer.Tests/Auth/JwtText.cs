using System.Buffers.Text;
using System.Text.Json;

namespace ChatServer.Tests.Auth;

/// <summary>Reads a JWT the way anyone inspecting one would: base64url JSON header and payload, no library.</summary>
internal static class JwtText
{
    public static (JsonElement Header, JsonElement Payload) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (Json(parts[0]), Json(parts[1]));
    }

    private static JsonElement Json(string part) => JsonDocument.Parse(Base64Url.DecodeFromChars(part)).RootElement.Clone();
}
