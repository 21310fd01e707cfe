using System.Net;
using Microsoft.Extensions.Options;

namespace ChatServer.Metrics;

/// <summary>Every <c>Metrics:AllowedNetworks</c> entry must be a network in CIDR form, so a typo stops start-up instead of opening or closing the endpoint.</summary>
internal sealed class ChatMetricsOptionsValidator : IValidateOptions<ChatMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatMetricsOptions options)
    {
        var errors = options.AllowedNetworks
            .Where(network => !IPNetwork.TryParse(network, out _))
            .Select(network => $"Metrics:AllowedNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8)")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
