namespace ChatServer.Tests.Browser;

/// <summary>
/// One in-memory server on a Kestrel port for a test class's browser tests (each test uses its own names); a derived
/// fixture gives it configuration of its own.
/// </summary>
public class KestrelFixture : IAsyncLifetime
{
    private KestrelChatApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    internal KestrelChatApplication App => _app ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _app = new KestrelChatApplication(Settings);
        BaseAddress = _app.Start();
        return Task.CompletedTask;
    }

    /// <summary>Configuration overrides for the server (none: the defaults).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Posts messages straight into the server's store (the hub's rate limit would make many sends slow).</summary>
    public Task SeedAsync(string room, string user, IEnumerable<string> texts) => App.SeedAsync(room, user, texts);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
