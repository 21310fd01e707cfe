using Microsoft.Playwright;

namespace ChatServer.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless, with the flags this machine's closed network needs (never Playwright's own download).</summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Launches a browser (Playwright gives each launch a fresh, empty profile).</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ExecutablePath), "chromium not found: apt-get install -y chromium");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
    }
}
