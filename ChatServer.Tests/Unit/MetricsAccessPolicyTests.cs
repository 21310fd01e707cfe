using System.Net;
using ChatServer.Metrics;
using Microsoft.AspNetCore.Http;

namespace ChatServer.Tests.Unit;

public sealed class MetricsAccessPolicyTests
{
    private static readonly MetricsAccessPolicy Policy = new([IPNetwork.Parse("172.18.0.0/16"), IPNetwork.Parse("fd00:1::/64")]);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("172.18.0.9")]
    [InlineData("::ffff:172.18.200.1")]
    [InlineData("fd00:1::42")]
    public void Loopback_and_the_cluster_networks_may_read_metrics(string address) =>
        Assert.True(Policy.Allows(IPAddress.Parse(address), new HeaderDictionary()));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("172.19.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("fd00:2::1")]
    public void Any_other_address_may_not(string address) =>
        Assert.False(Policy.Allows(IPAddress.Parse(address), new HeaderDictionary()));

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    [InlineData("X-Real-IP")]
    public void A_proxied_request_may_not_even_from_loopback(string header) =>
        Assert.False(Policy.Allows(IPAddress.Loopback, new HeaderDictionary { [header] = "203.0.113.7" }));

    [Fact]
    public void A_request_without_a_network_peer_may() => Assert.True(Policy.Allows(null, new HeaderDictionary()));

    [Theory]
    [InlineData("172.18.0.5", 16, "172.18.0.0/16")]
    [InlineData("10.1.2.3", 8, "10.0.0.0/8")]
    [InlineData("192.168.1.77", 27, "192.168.1.64/27")]
    [InlineData("fd00:1::42", 64, "fd00:1::/64")]
    public void An_interface_address_gives_its_subnet(string address, int prefix, string subnet) =>
        Assert.Equal(IPNetwork.Parse(subnet), MetricsAccessPolicy.Subnet(IPAddress.Parse(address), prefix));

    [Fact]
    public void The_default_networks_are_this_hosts_subnets_without_loopback() =>
        Assert.All(MetricsAccessPolicy.LocalNetworks(), network => Assert.False(IPAddress.IsLoopback(network.BaseAddress)));
}
