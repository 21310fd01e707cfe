using ChatServer.Chat;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Browser;

/// <summary>
/// The real app on a real Kestrel port (a browser or a Node process cannot reach TestServer), serving the page
/// from the repository's wwwroot so the tests always drive the current source of the page. Shared by the
/// browser tests and the JavaScript-client contract test.
/// </summary>
internal sealed class KestrelChatApplication : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration overrides, e.g. <c>Redis:Configuration</c> for Redis mode.</param>
    /// <param name="port">A fixed port (a restarted server takes its predecessor's); 0 for any free one.</param>
    /// <param name="services">Service overrides, e.g. a clock the test moves.</param>
    public KestrelChatApplication(IReadOnlyDictionary<string, string?>? settings = null, int port = 0, Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
    }

    /// <summary>Starts the server and returns its base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel reported no http address.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");

        // Every client of these tests is 127.0.0.1: the per-address limits would count a whole test class as one
        // client. Limits/ tests set their own, which override these.
        builder.UseSetting("Chat:AuthLimits:AddressBurst", "100000");
        builder.UseSetting("Chat:AuthLimits:AddressRefillSeconds", "0.001");
        builder.UseSetting("Chat:RateLimit:PerAddressMessagesPerSecond", "100000");
        builder.UseSetting("Chat:RateLimit:PerAddressBurst", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }

        var webRoot = FindRepositoryWebRoot();
        if (webRoot is not null)
        {
            builder.UseWebRoot(webRoot);
        }
    }

    /// <summary>Posts messages straight into the server's store (the hub's rate limit would make many sends slow).</summary>
    public async Task SeedAsync(string room, string user, IEnumerable<string> texts)
    {
        var store = Services.GetRequiredService<IMessageStore>();
        foreach (var text in texts)
        {
            await store.PostAsync(new NewMessage(room, user, text, null), CancellationToken.None);
        }
    }

    /// <summary>The repository checkout this test assembly was built from (the folder holding ChatServer.sln), or null.</summary>
    public static DirectoryInfo? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatServer.sln")))
            {
                return directory;
            }
        }
        return null;
    }

    private static string? FindRepositoryWebRoot()
    {
        var root = FindRepositoryRoot();
        if (root is null)
        {
            return null;
        }
        var webRoot = Path.Combine(root.FullName, "wwwroot");
        return File.Exists(Path.Combine(webRoot, "lib", "signalr.min.js")) ? webRoot : null;
    }
}
