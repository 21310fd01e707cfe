using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;

namespace ChatServer.Metrics;

/// <summary>
/// Who may read <c>/metrics</c>: Prometheus on loopback or on the cluster's own network, never the public side. A
/// request that came through a proxy (it carries <c>X-Forwarded-For</c>, <c>Forwarded</c> or <c>X-Real-IP</c>, as
/// everything nginx passes on does) is refused whatever its address, so a proxy rule that forwarded
/// <c>/metrics</c> by mistake would still not publish it. A refused request gets the 404 of a path that does not
/// exist.
/// </summary>
public sealed class MetricsAccessPolicy
{
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    public MetricsAccessPolicy(IOptions<ChatMetricsOptions> options)
        : this(options.Value.AllowedNetworks.Length > 0 ? [.. options.Value.AllowedNetworks.Select(IPNetwork.Parse)] : LocalNetworks())
    {
    }

    internal MetricsAccessPolicy(IReadOnlyList<IPNetwork> networks) => Networks = networks;

    /// <summary>The networks allowed besides loopback.</summary>
    public IReadOnlyList<IPNetwork> Networks { get; }

    /// <param name="remote">The peer's address; null when there is no network peer (a Unix socket, an in-process test server).</param>
    public bool Allows(IPAddress? remote, IHeaderDictionary headers)
    {
        if (ProxyHeaders.Any(headers.ContainsKey)) return false;
        if (remote is null) return true;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || Networks.Any(network => network.Contains(remote));
    }

    /// <summary>The subnets of the interfaces that are up (IPv6 link-local left out), e.g. 172.18.0.0/16 in a compose network.</summary>
    internal static List<IPNetwork> LocalNetworks() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Where(unicast => unicast.PrefixLength > 0 && !unicast.Address.IsIPv6LinkLocal && !IPAddress.IsLoopback(unicast.Address))
            .Select(unicast => Subnet(unicast.Address, unicast.PrefixLength))
            .Distinct(),
    ];

    /// <summary>The network of <paramref name="address"/> with <paramref name="prefixLength"/> bits (host bits cleared, as IPNetwork requires).</summary>
    internal static IPNetwork Subnet(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }
}
