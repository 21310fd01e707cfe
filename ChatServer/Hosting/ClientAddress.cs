using System.Net;
using System.Net.Sockets;

namespace ChatServer.Hosting;

/// <summary>The client address the per-address limits key on.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's remote address after <c>UseForwardedHeaders</c>: IPv4 as itself (also when the socket shows it
    /// IPv6-mapped), IPv6 as its /64, which one household or host is typically given whole. Null when the host has no
    /// address (an in-process test server).
    /// </summary>
    public static string? Of(HttpContext? context) => context?.Connection.RemoteIpAddress is { } address ? Normalize(address) : null;

    public static string Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPNetwork(Mask(address, 64), 64).ToString() : address.ToString();
    }

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var i = prefixLength / 8; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return new IPAddress(bytes);
    }
}
