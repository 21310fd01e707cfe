using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ChatServer.Hosting;

/// <summary>
/// Which proxies' <c>X-Forwarded-For</c> is believed (section <c>Chat:Network</c>). The per-address limits key on the
/// client address, so only a proxy listed here may name it; anyone else's header is ignored. Empty lists keep
/// ASP.NET Core's default, the loopback addresses (nginx on the same host, as <c>cluster.sh</c> runs it).
/// </summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string SectionName = "Chat:Network";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>172.16.0.0/12</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in front of the app to read through (nginx alone: 1).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(proxy => !IPAddress.TryParse(proxy, out _)))
        {
            yield return new ValidationResult($"Chat:Network:KnownProxies: '{proxy}' is not an IP address", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(network => !IPNetwork.TryParse(network, out _)))
        {
            yield return new ValidationResult($"Chat:Network:KnownNetworks: '{network}' is not a network in CIDR form (a.b.c.d/n)", [nameof(KnownNetworks)]);
        }
    }
}
