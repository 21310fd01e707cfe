using Xunit.Abstractions;

namespace ChatServer.Tests.Browser;

/// <summary>
/// A browser test class's Chromium (<see cref="ChatBrowser"/>), launched against the server the class chooses; what
/// its pages logged goes to the test's output at the end, so a failure shows what the page said.
/// </summary>
public abstract class BrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ChatBrowser? _browser;

    internal ChatBrowser Browser => _browser ?? throw new InvalidOperationException("No browser yet: call LaunchAsync first.");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            output.WriteLine(_browser.Log);
            await _browser.DisposeAsync();
        }
    }

    internal async Task LaunchAsync(Uri baseAddress) => _browser = await ChatBrowser.LaunchAsync(baseAddress);
}
