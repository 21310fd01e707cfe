namespace ChatServer.Chat;

/// <summary>The names of the <see cref="IRateLimiter"/> buckets, in one place so no two limits share one by accident.</summary>
public static class RateLimitBuckets
{
    public static string UserSends(string userName) => $"send:user:{userName}";

    public static string AddressSends(string address) => $"send:address:{address}";

    public static string AddressAuth(string address) => $"auth:address:{address}";

    public static string AccountFailures(string userName) => $"login-failures:{userName}";

    public static string AccountAddressFailures(string userName, string address) => $"login-failures:{userName}:{address}";

    public static string RoomCreations(string userName) => $"room-create:{userName}";
}
