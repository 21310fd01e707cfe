using ChatServer.Tests.Infrastructure;
using ChatServer.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Auth;

/// <summary>
/// The real server in process (TestServer) for the token and session tests: configuration overrides, and optionally a
/// clock of the test's own (every part of the server reads time through the registered <see cref="TimeProvider"/>).
/// </summary>
internal sealed class AuthTestHost(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    /// <summary>Redis mode on <paramref name="redis"/>, under <paramref name="keyPrefix"/> (instances sharing one prefix share everything).</summary>
    public static AuthTestHost OnRedis(string connectionString, string keyPrefix, string instanceId, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Redis:Configuration"] = connectionString,
            ["Chat:InstanceId"] = instanceId,
            ["Chat:Redis:KeyPrefix"] = keyPrefix,
            ["Backplane:ChannelPrefix"] = keyPrefix,
        };
        var host = new AuthTestHost(all, clock);
        _ = host.Server;   // started now, like a process that was launched
        return host;
    }

    public SessionClient Sessions => new(CreateClient());

    /// <summary>A hub connection over TestServer's WebSockets; <paramref name="accessToken"/> is asked on every (re)connect.</summary>
    public ChatClient CreateHubConnection(Func<string?> accessToken) => TestServerClients.Create(Server, accessToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Chat:InstanceId", "auth-test");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
