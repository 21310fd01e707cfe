using ChatServer.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Infrastructure;

/// <summary>
/// The real server in process (TestServer), with configuration overrides per test class. Hub connections are
/// <see cref="ChatClient"/>s over TestServer.
/// </summary>
internal sealed class ChatApplication(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-battery";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Chat:InstanceId", "test-instance");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }

    /// <summary>Services a test adds to the app's own (e.g. a test-only job kind).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public ChatApiClient Api => new(CreateClient());

    /// <summary>The hub protocol of the connections its <see cref="TestUser"/>s open.</summary>
    public ChatProtocol ClientProtocol { get; init; } = ChatProtocol.Json;

    /// <summary>Registers a fresh user (a unique name with the given prefix) and logs in.</summary>
    public async Task<TestUser> CreateUserAsync(string prefix = "user")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 13)];
        var login = await Api.RegisterOrLoginAsync(name, Password);
        return new TestUser(this, login.UserName, login.AccessToken);
    }

    /// <summary>A client over this TestServer (see <see cref="TestServerClients"/>).</summary>
    public ChatClient CreateHubConnection(string? accessToken, ChatProtocol protocol = ChatProtocol.Json, HttpTransportType transports = HttpTransportType.WebSockets) =>
        TestServerClients.Create(Server, () => accessToken, protocol, transports);
}
