using ChatServer.Api;
using Microsoft.Extensions.Options;

namespace ChatServer.Auth;

/// <summary>Issues the access tokens <see cref="AccessTokenHandler"/> accepts.</summary>
public sealed class AccessTokenIssuer(IOptionsMonitor<AccessTokenOptions> options, ITokenSigningKeyStore keys, TimeProvider timeProvider)
{
    public async Task<LoginResponse> IssueAsync(string userName, CancellationToken cancellationToken)
    {
        var lifetime = options.Get(AccessTokenOptions.Scheme).Lifetime;
        var key = await keys.GetKeyAsync(cancellationToken);
        var token = AccessTokenCodec.Create(userName, timeProvider.GetUtcNow() + lifetime, key);
        return new LoginResponse(token, (long)lifetime.TotalSeconds, userName);
    }
}
